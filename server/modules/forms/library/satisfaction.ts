import type { TFormDocument } from "@/server/shared/forms/document";
import { t } from "./text";

/** Satisfaction survey with the Net Promoter question (0–10: 0–6 detractor, 7–8 passive, 9–10 promoter). */
export const SATISFACTION: TFormDocument = {
  title: t("满意度调查", "Satisfaction survey"),
  items: [
    { linkId: "nps", type: "integer", min: 0, max: 10, required: true, text: t("您有多大可能把我们推荐给亲友？（0 = 完全不可能，10 = 非常可能）", "How likely are you to recommend us to family or friends? (0 = not at all, 10 = extremely likely)") },
    { linkId: "comments", type: "text", maxLength: 2000, text: t("您的意见和建议", "Your comments and suggestions") },
  ],
  scores: [
    {
      id: "nps",
      title: t("推荐意愿", "Likelihood to recommend"),
      items: ["nps"],
      bands: [
        { min: 0, max: 6, label: t("贬损者", "Detractor"), severity: "attention" },
        { min: 7, max: 8, label: t("被动者", "Passive"), severity: "normal" },
        { min: 9, max: 10, label: t("推荐者", "Promoter"), severity: "normal" },
      ],
    },
  ],
  mappings: [],
};
