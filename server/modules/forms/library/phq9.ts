import type { TFormDocument, TOption } from "@/server/shared/forms/document";
import { t } from "./text";

/**
 * PHQ-9 (Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606). Items score 0–3, total 0–27;
 * severity 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe. Item 9 is
 * reported on its own: any answer above 0 needs same-day clinical assessment. Chinese wording follows
 * the Chinese version validated in 中国 primary care (卞崔冬 等, 2009).
 */
export const FREQUENCY_OPTIONS: TOption[] = [
  { code: "0", text: t("完全不会", "Not at all"), score: 0 },
  { code: "1", text: t("好几天", "Several days"), score: 1 },
  { code: "2", text: t("一半以上的天数", "More than half the days"), score: 2 },
  { code: "3", text: t("几乎每天", "Nearly every day"), score: 3 },
];

const ITEMS = [
  t("做事时提不起劲或没有兴趣", "Little interest or pleasure in doing things"),
  t("感到心情低落、沮丧或绝望", "Feeling down, depressed, or hopeless"),
  t("入睡困难、睡不安稳或睡眠过多", "Trouble falling or staying asleep, or sleeping too much"),
  t("感觉疲倦或没有活力", "Feeling tired or having little energy"),
  t("食欲不振或吃太多", "Poor appetite or overeating"),
  t("觉得自己很糟，或觉得自己很失败，或让自己或家人失望", "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
  t("对事物专注有困难，例如阅读报纸或看电视时", "Trouble concentrating on things, such as reading the newspaper or watching television"),
  t(
    "动作或说话速度缓慢到别人已经察觉；或正好相反，烦躁或坐立不安、动来动去的情况更胜于平常",
    "Moving or speaking so slowly that other people could have noticed; or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
  ),
  t("有不如死掉或用某种方式伤害自己的念头", "Thoughts that you would be better off dead, or of hurting yourself in some way"),
];

const linkIds = ITEMS.map((_, i) => `phq9_${i + 1}`);

export const PHQ9: TFormDocument = {
  title: t("患者健康问卷（PHQ-9）", "Patient Health Questionnaire (PHQ-9)"),
  description: t("在过去两周里，您有多少时间受到以下任何问题所困扰？", "Over the last 2 weeks, how often have you been bothered by any of the following problems?"),
  items: [
    ...ITEMS.map((text, i) => ({ linkId: linkIds[i]!, type: "choice" as const, text, required: true, options: FREQUENCY_OPTIONS })),
    {
      linkId: "phq9_difficulty",
      type: "choice",
      text: t(
        "如果您勾选了任何问题，这些问题在您工作、处理家务或与他人相处上造成了多大的困难？",
        "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
      ),
      enableBehavior: "any",
      enableWhen: linkIds.map((question) => ({ question, operator: ">" as const, answer: 0 })),
      options: [
        { code: "none", text: t("毫无困难", "Not difficult at all") },
        { code: "some", text: t("有些困难", "Somewhat difficult") },
        { code: "very", text: t("非常困难", "Very difficult") },
        { code: "extreme", text: t("极度困难", "Extremely difficult") },
      ],
    },
  ],
  scores: [
    {
      id: "total",
      title: t("PHQ-9 总分", "PHQ-9 total"),
      items: linkIds,
      bands: [
        { min: 0, max: 4, label: t("无或极轻微抑郁", "Minimal depression"), severity: "normal" },
        { min: 5, max: 9, label: t("轻度抑郁", "Mild depression"), severity: "attention" },
        { min: 10, max: 14, label: t("中度抑郁", "Moderate depression"), severity: "high" },
        { min: 15, max: 19, label: t("中重度抑郁", "Moderately severe depression"), severity: "high" },
        { min: 20, max: 27, label: t("重度抑郁", "Severe depression"), severity: "critical" },
      ],
    },
    {
      id: "selfHarm",
      title: t("第 9 题（自伤意念）", "Item 9 (thoughts of self-harm)"),
      items: ["phq9_9"],
      bands: [
        { min: 0, max: 0, label: t("无", "None"), severity: "normal" },
        { min: 1, max: 3, label: t("有自伤意念，需当日评估", "Present — assess the same day"), severity: "critical" },
      ],
    },
  ],
  mappings: [],
};
