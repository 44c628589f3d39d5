import type { TFormDocument } from "@/server/shared/forms/document";
import { t } from "./text";

/** Lifestyle questionnaire; answers fill the health record's lifestyle section (健康档案 · 生活方式). */
export const LIFESTYLE: TFormDocument = {
  title: t("生活方式问卷", "Lifestyle questionnaire"),
  description: t("请根据最近三个月的实际情况填写。", "Please answer for the last three months."),
  items: [
    {
      linkId: "smoking",
      type: "group",
      text: t("吸烟", "Smoking"),
      items: [
        {
          linkId: "smokingStatus",
          type: "choice",
          text: t("您是否吸烟？", "Do you smoke?"),
          required: true,
          options: [
            { code: "never", text: t("从不吸烟", "Never smoked") },
            { code: "former", text: t("已戒烟", "Former smoker") },
            { code: "current", text: t("目前吸烟", "Current smoker") },
          ],
        },
        { linkId: "cigarettesPerDay", type: "integer", text: t("平均每天吸烟几支？", "Cigarettes per day on average"), unit: "支/天", min: 0, max: 200, required: true, enableWhen: [{ question: "smokingStatus", operator: "=", answer: "current" }] },
      ],
    },
    {
      linkId: "alcohol",
      type: "group",
      text: t("饮酒", "Alcohol"),
      items: [
        {
          linkId: "drinking",
          type: "choice",
          text: t("您饮酒的频率？", "How often do you drink alcohol?"),
          required: true,
          options: [
            { code: "never", text: t("从不", "Never") },
            { code: "occasional", text: t("偶尔（每周少于 1 次）", "Occasionally (less than once a week)") },
            { code: "regular", text: t("经常（每周 1 次及以上）", "Regularly (once a week or more)") },
          ],
        },
      ],
    },
    {
      linkId: "diet",
      type: "group",
      text: t("饮食", "Diet"),
      items: [
        {
          linkId: "dietHabits",
          type: "multiChoice",
          text: t("以下哪些符合您的饮食习惯？（可多选）", "Which of these describe your diet? (choose all that apply)"),
          options: [
            { code: "salty", text: t("口味偏咸", "Salty food") },
            { code: "fatty", text: t("常吃油腻或油炸食物", "Fatty or fried food often") },
            { code: "sweet", text: t("常吃甜食或含糖饮料", "Sweets or sugary drinks often") },
            { code: "fewVeg", text: t("蔬菜水果吃得少", "Few vegetables and fruit") },
            { code: "irregular", text: t("三餐不规律", "Irregular meals") },
            { code: "balanced", text: t("饮食均衡", "Balanced diet") },
          ],
        },
      ],
    },
    {
      linkId: "activity",
      type: "group",
      text: t("运动", "Physical activity"),
      items: [
        { linkId: "exerciseMinutes", type: "integer", text: t("每周中等强度以上运动共多少分钟？", "Minutes of moderate or vigorous exercise per week"), unit: "分钟/周", min: 0, max: 10000, required: true },
      ],
    },
    {
      linkId: "sleep",
      type: "group",
      text: t("睡眠", "Sleep"),
      items: [
        { linkId: "sleepHours", type: "decimal", text: t("平均每晚睡眠多少小时？", "Hours of sleep per night on average"), unit: "小时", min: 0, max: 24, required: true },
        {
          linkId: "sleepQuality",
          type: "choice",
          text: t("您觉得自己的睡眠质量如何？", "How would you rate your sleep?"),
          options: [
            { code: "good", text: t("好", "Good") },
            { code: "fair", text: t("一般", "Fair") },
            { code: "poor", text: t("差", "Poor") },
          ],
        },
      ],
    },
  ],
  scores: [],
  mappings: [
    { kind: "record", linkId: "smokingStatus", field: "lifestyle.smoking" },
    { kind: "record", linkId: "cigarettesPerDay", field: "lifestyle.cigarettesPerDay" },
    { kind: "record", linkId: "drinking", field: "lifestyle.drinking" },
    { kind: "record", linkId: "exerciseMinutes", field: "lifestyle.exerciseMinutesPerWeek" },
    { kind: "record", linkId: "sleepHours", field: "lifestyle.sleepHoursPerNight" },
  ],
};
