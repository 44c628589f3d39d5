import type { TFormDocument } from "@/server/shared/forms/document";
import { FREQUENCY_OPTIONS } from "./phq9";
import { t } from "./text";

/**
 * GAD-7 (Spitzer, Kroenke, Williams & Löwe, Arch Intern Med 2006;166:1092). Items 0–3, total 0–21;
 * 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe anxiety.
 */
const ITEMS = [
  t("感觉紧张、焦虑或急切", "Feeling nervous, anxious, or on edge"),
  t("不能够停止或控制担忧", "Not being able to stop or control worrying"),
  t("对各种各样的事情担忧过多", "Worrying too much about different things"),
  t("很难放松下来", "Trouble relaxing"),
  t("由于不安而无法静坐", "Being so restless that it is hard to sit still"),
  t("变得容易烦恼或急躁", "Becoming easily annoyed or irritable"),
  t("感到似乎将有可怕的事情发生而害怕", "Feeling afraid, as if something awful might happen"),
];
const linkIds = ITEMS.map((_, i) => `gad7_${i + 1}`);

export const GAD7: TFormDocument = {
  title: t("广泛性焦虑量表（GAD-7）", "Generalized Anxiety Disorder scale (GAD-7)"),
  description: t("在过去两周里，您有多少时间受到以下问题困扰？", "Over the last 2 weeks, how often have you been bothered by the following problems?"),
  items: ITEMS.map((text, i) => ({ linkId: linkIds[i]!, type: "choice" as const, text, required: true, options: FREQUENCY_OPTIONS })),
  scores: [
    {
      id: "total",
      title: t("GAD-7 总分", "GAD-7 total"),
      items: linkIds,
      bands: [
        { min: 0, max: 4, label: t("无或极轻微焦虑", "Minimal anxiety"), severity: "normal" },
        { min: 5, max: 9, label: t("轻度焦虑", "Mild anxiety"), severity: "attention" },
        { min: 10, max: 14, label: t("中度焦虑", "Moderate anxiety"), severity: "high" },
        { min: 15, max: 21, label: t("重度焦虑", "Severe anxiety"), severity: "critical" },
      ],
    },
  ],
  mappings: [],
};
