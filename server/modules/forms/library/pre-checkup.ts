import type { TFormDocument } from "@/server/shared/forms/document";
import { t } from "./text";

/** 体检前问诊表 ("1 + X" basic history questionnaire, 健康体检基本项目专家共识 2014). */
export const PRE_CHECKUP: TFormDocument = {
  title: t("体检前问诊表", "Pre-check-up consultation form"),
  description: t("请在体检前如实填写，帮助医生更准确地评估您的健康状况。", "Please fill this in before your check-up so the doctors can assess your health accurately."),
  items: [
    {
      linkId: "body",
      type: "group",
      text: t("身高体重（自报）", "Height and weight (self-reported)"),
      items: [
        { linkId: "height", type: "measurement", measurement: "height", unit: "cm", text: t("身高", "Height") },
        { linkId: "weight", type: "measurement", measurement: "weight", unit: "kg", text: t("体重", "Weight") },
      ],
    },
    {
      linkId: "symptomsGroup",
      type: "group",
      text: t("近期症状", "Recent symptoms"),
      items: [
        {
          linkId: "symptoms",
          type: "multiChoice",
          text: t("近一个月是否有以下不适？（可多选）", "Have you had any of these in the last month? (choose all that apply)"),
          required: true,
          options: [
            { code: "headache", text: t("头痛、头晕", "Headache or dizziness") },
            { code: "chestPain", text: t("胸闷、胸痛", "Chest tightness or pain") },
            { code: "palpitations", text: t("心悸", "Palpitations") },
            { code: "breathless", text: t("气短", "Shortness of breath") },
            { code: "cough", text: t("咳嗽、咳痰", "Cough") },
            { code: "abdominal", text: t("腹痛、消化不良", "Abdominal pain or indigestion") },
            { code: "urinary", text: t("尿频、尿急、尿痛", "Urinary frequency, urgency or pain") },
            { code: "joint", text: t("关节疼痛", "Joint pain") },
            { code: "fatigue", text: t("乏力", "Fatigue") },
            { code: "weightLoss", text: t("体重明显下降", "Unexplained weight loss") },
            { code: "none", text: t("以上均无", "None of these") },
          ],
        },
        { linkId: "symptomsOther", type: "string", text: t("其他不适（请描述）", "Other symptoms (please describe)"), maxLength: 200 },
      ],
    },
    {
      linkId: "historyGroup",
      type: "group",
      text: t("既往史", "Medical history"),
      items: [
        {
          linkId: "history",
          type: "multiChoice",
          text: t("您是否被诊断过以下疾病？（可多选）", "Have you been diagnosed with any of these? (choose all that apply)"),
          required: true,
          options: [
            { code: "hypertension", text: t("高血压", "Hypertension") },
            { code: "diabetes", text: t("糖尿病", "Diabetes") },
            { code: "dyslipidaemia", text: t("血脂异常", "Dyslipidaemia") },
            { code: "chd", text: t("冠心病", "Coronary heart disease") },
            { code: "stroke", text: t("脑卒中", "Stroke") },
            { code: "ckd", text: t("慢性肾病", "Chronic kidney disease") },
            { code: "liver", text: t("肝病", "Liver disease") },
            { code: "cancer", text: t("肿瘤", "Cancer") },
            { code: "none", text: t("以上均无", "None of these") },
          ],
        },
        {
          linkId: "familyHistory",
          type: "openChoice",
          text: t("父母或兄弟姐妹是否患有心脑血管病、糖尿病或肿瘤？", "Do parents or siblings have cardiovascular disease, diabetes or cancer?"),
          options: [
            { code: "no", text: t("没有", "No") },
            { code: "unknown", text: t("不清楚", "Not sure") },
          ],
        },
      ],
    },
    {
      linkId: "medicationGroup",
      type: "group",
      text: t("用药与过敏", "Medications and allergies"),
      items: [
        { linkId: "takesMedication", type: "boolean", text: t("目前是否在长期服药？", "Do you take any regular medication?"), required: true },
        { linkId: "medications", type: "text", text: t("请列出药名、剂量和服用频次", "List the medicines, doses and how often"), required: true, maxLength: 1000, enableWhen: [{ question: "takesMedication", operator: "=", answer: true }] },
        { linkId: "hasAllergy", type: "boolean", text: t("是否有药物或食物过敏？", "Do you have any drug or food allergies?"), required: true },
        { linkId: "allergies", type: "string", text: t("过敏物质及反应", "Allergen and reaction"), required: true, maxLength: 200, enableWhen: [{ question: "hasAllergy", operator: "=", answer: true }] },
      ],
    },
    {
      linkId: "womenGroup",
      type: "group",
      text: t("女性健康", "Women's health"),
      items: [
        { linkId: "womenApplies", type: "boolean", text: t("以下问题仅女性填写。是否适用于您？", "The following questions are for women. Do they apply to you?") },
        { linkId: "lastMenstrualPeriod", type: "date", text: t("末次月经日期", "First day of your last menstrual period"), enableWhen: [{ question: "womenApplies", operator: "=", answer: true }] },
        {
          linkId: "pregnancy",
          type: "choice",
          text: t("目前是否怀孕或可能怀孕？（影响 X 线等检查）", "Are you, or could you be, pregnant? (affects X-ray examinations)"),
          required: true,
          enableWhen: [{ question: "womenApplies", operator: "=", answer: true }],
          options: [
            { code: "no", text: t("否", "No") },
            { code: "yes", text: t("是", "Yes") },
            { code: "unsure", text: t("不确定", "Not sure") },
          ],
        },
        { linkId: "menopause", type: "boolean", text: t("是否已绝经？", "Have you reached menopause?"), enableWhen: [{ question: "womenApplies", operator: "=", answer: true }] },
      ],
    },
  ],
  scores: [],
  mappings: [
    { kind: "indicator", linkId: "height", indicator: "HEIGHT" },
    { kind: "indicator", linkId: "weight", indicator: "WEIGHT" },
  ],
};
