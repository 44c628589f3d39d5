/**
 * The advice library every tenant starts with (editable per tenant afterwards). Content follows
 * 中国居民膳食指南 2022 (salt <5 g/day, DASH-style eating), 中国高血压防治指南 2018 (lifestyle),
 * WHO 2020 physical-activity guidance (150–300 min/week moderate), CDS 2020 (diabetes prevention),
 * and PHQ-9 severity bands (Kroenke 2001: 5/10/15/20) for mental-health referral advice.
 */
export interface SeedAdvice {
  key: string;
  category: "diet" | "exercise" | "mental" | "lifestyle";
  priority: number;
  criteria: Record<string, unknown>;
  zh: { title: string; body: string };
  en: { title: string; body: string };
}

export const ADVICE_LIBRARY: SeedAdvice[] = [
  {
    key: "diet-low-salt",
    category: "diet",
    priority: 10,
    criteria: { risk: [{ model: "hypertension", levels: ["high_normal", "low", "medium", "medium_high", "high", "high_very_high", "very_high"] }], indicators: [{ input: "sbpMmHg", op: "ge", value: 130 }] },
    zh: { title: "低盐饮食", body: "每人每天食盐不超过5克（约一啤酒瓶盖）。使用限盐勺，少用酱油、味精和咸菜；少吃腌制、熏制食品和加工肉类；购买包装食品时查看营养成分表中的钠含量。" },
    en: { title: "Low-salt diet", body: "Keep salt below 5 g a day (about one level teaspoon). Use a measuring spoon, go easy on soy sauce, MSG and pickles, avoid cured and processed meats, and check the sodium on food labels." },
  },
  {
    key: "diet-dash",
    category: "diet",
    priority: 20,
    criteria: { risk: [{ model: "hypertension", levels: ["medium", "medium_high", "high", "high_very_high", "very_high"] }, { model: "cvd10", levels: ["medium", "high"] }, { model: "metabolic_syndrome", levels: ["present"] }] },
    zh: { title: "DASH 饮食模式", body: "多吃蔬菜水果（每天蔬菜300–500克、水果200–350克）、全谷物和低脂奶制品；适量鱼、禽、豆类和坚果；少吃红肉、甜食和含糖饮料，烹调用油每天25–30克。" },
    en: { title: "DASH eating pattern", body: "Eat plenty of vegetables (300–500 g a day), fruit (200–350 g), whole grains and low-fat dairy; moderate fish, poultry, beans and nuts; little red meat, sweets and sugary drinks; 25–30 g cooking oil a day." },
  },
  {
    key: "diet-diabetes-prevention",
    category: "diet",
    priority: 15,
    criteria: { risk: [{ model: "cdrs", levels: ["high"] }], indicators: [{ input: "fpgMmolL", op: "ge", value: 6.1 }] },
    zh: { title: "控糖饮食", body: "主食定量，粗细搭配，全谷物和杂豆占主食的三分之一；少喝含糖饮料，少吃精制甜点；进餐顺序先蔬菜、再肉蛋、后主食，有助于餐后血糖平稳。" },
    en: { title: "Eating to prevent diabetes", body: "Keep staple portions steady and make a third of them whole grains and beans; avoid sugary drinks and refined sweets; eat vegetables first, then protein, then starch to flatten after-meal glucose." },
  },
  {
    key: "diet-lipids",
    category: "diet",
    priority: 25,
    criteria: { indicators: [{ input: "ldlMmolL", op: "ge", value: 3.4 }, { input: "tgMmolL", op: "ge", value: 1.7 }, { input: "tcMmolL", op: "ge", value: 5.2 }] },
    zh: { title: "调脂饮食", body: "减少动物内脏、肥肉和油炸食品，每天胆固醇摄入不超过300毫克；每周吃鱼2次以上；限制饮酒，甘油三酯偏高者应戒酒并减少精制碳水化合物。" },
    en: { title: "Eating for healthy lipids", body: "Cut offal, fatty meat and fried food (cholesterol under 300 mg a day); eat fish at least twice a week; limit alcohol — stop drinking and cut refined carbohydrates if triglycerides are high." },
  },
  {
    key: "exercise-150",
    category: "exercise",
    priority: 10,
    criteria: { always: true },
    zh: { title: "每周150分钟中等强度运动", body: "每周至少150分钟中等强度有氧运动（如快走、骑车、游泳），每次不少于10分钟，每周5天；每周2次肌肉力量练习；减少久坐，每小时起身活动几分钟。" },
    en: { title: "150 minutes of moderate activity a week", body: "At least 150 minutes a week of moderate aerobic activity (brisk walking, cycling, swimming) on five days, in bouts of 10 minutes or more; muscle-strengthening twice a week; break up sitting every hour." },
  },
  {
    key: "exercise-weight",
    category: "exercise",
    priority: 20,
    criteria: { risk: [{ model: "body", levels: ["overweight", "obese", "overweight_central", "normal_central"] }] },
    zh: { title: "减重运动计划", body: "在饮食控制基础上，逐步增加到每周200–300分钟中等强度运动；目标3–6个月内减轻体重5%–10%，每周减重0.5–1公斤为宜。" },
    en: { title: "Exercise for weight loss", body: "Alongside diet, build up to 200–300 minutes of moderate activity a week; aim to lose 5–10 % of body weight over 3–6 months, about 0.5–1 kg a week." },
  },
  {
    key: "exercise-bp-caution",
    category: "exercise",
    priority: 5,
    criteria: { indicators: [{ input: "sbpMmHg", op: "ge", value: 180 }, { input: "dbpMmHg", op: "ge", value: 110 }] },
    zh: { title: "血压未控制前暂缓剧烈运动", body: "血压≥180/110 mmHg 时应先就医控制血压，暂停中高强度运动和憋气用力的动作；血压稳定后在医生指导下逐步恢复运动。" },
    en: { title: "Hold strenuous exercise until blood pressure is controlled", body: "At 180/110 mmHg or above see a doctor first and pause moderate-to-vigorous exercise and straining; resume gradually under medical guidance once blood pressure is stable." },
  },
  {
    key: "lifestyle-smoking",
    category: "lifestyle",
    priority: 5,
    criteria: { record: ["currentSmoker"] },
    zh: { title: "戒烟限酒", body: "吸烟者应尽早彻底戒烟，并避免二手烟；可拨打戒烟热线或到戒烟门诊获得帮助。饮酒者男性每天酒精不超过25克、女性不超过15克。" },
    en: { title: "Stop smoking, limit alcohol", body: "Smokers should stop completely as soon as possible and avoid second-hand smoke; quit lines and smoking-cessation clinics help. Keep alcohol under 25 g a day for men and 15 g for women." },
  },
  {
    key: "mental-sleep",
    category: "mental",
    priority: 30,
    criteria: { always: true },
    zh: { title: "睡眠卫生", body: "每天固定时间上床和起床，保证7–8小时睡眠；睡前1小时不看手机，午后不喝咖啡和浓茶；卧室安静、黑暗、凉爽；睡不着时起床做放松活动，困了再睡。" },
    en: { title: "Sleep hygiene", body: "Go to bed and get up at the same times, aiming for 7–8 hours; no screens in the hour before bed and no coffee or strong tea after noon; keep the bedroom quiet, dark and cool; if you cannot sleep, get up and relax until sleepy." },
  },
  {
    key: "mental-phq-mild",
    category: "mental",
    priority: 20,
    criteria: { questionnaires: [{ instrument: "PHQ-9", min: 5, max: 9 }] },
    zh: { title: "情绪自我调适", body: "近期可能有轻度情绪低落。建议保持规律作息和运动，与家人朋友多交流，做自己喜欢的事；两周后复评PHQ-9，如持续或加重请及时就诊。" },
    en: { title: "Looking after your mood", body: "You may be feeling mildly low. Keep regular routines and exercise, talk with family and friends, do things you enjoy; repeat the PHQ-9 in two weeks and seek care if it persists or worsens." },
  },
  {
    key: "mental-phq-referral",
    category: "mental",
    priority: 1,
    criteria: { questionnaires: [{ instrument: "PHQ-9", min: 10 }] },
    zh: { title: "建议心理专科评估", body: "PHQ-9 评分提示中度及以上抑郁症状，建议尽快到精神心理科或心理门诊进一步评估和治疗。如出现伤害自己的想法，请立即就医或拨打心理援助热线。" },
    en: { title: "Referral for a mental-health assessment", body: "The PHQ-9 score suggests moderate or more severe depressive symptoms; please see a psychiatrist or psychological clinic soon. If you have thoughts of harming yourself, seek care immediately or call a crisis line." },
  },
  {
    key: "mental-stress",
    category: "mental",
    priority: 40,
    criteria: { questionnaires: [{ instrument: "GAD-7", min: 5 }] },
    zh: { title: "压力管理", body: "每天安排10–15分钟进行腹式呼吸、冥想或渐进式肌肉放松；合理安排工作，学会说“不”；焦虑持续两周以上或影响生活时请寻求专业帮助。" },
    en: { title: "Managing stress", body: "Set aside 10–15 minutes a day for belly breathing, meditation or progressive muscle relaxation; pace your work and learn to say no; seek professional help if anxiety lasts more than two weeks or affects daily life." },
  },
  {
    key: "lifestyle-kidney",
    category: "lifestyle",
    priority: 15,
    criteria: { risk: [{ model: "ckd", levels: ["G3a", "G3b", "G4", "G5"] }] },
    zh: { title: "保护肾功能", body: "避免自行服用止痛药（非甾体抗炎药）和来源不明的中草药；控制血压和血糖；适量优质蛋白饮食；定期复查肾功能和尿蛋白。" },
    en: { title: "Protecting your kidneys", body: "Avoid over-the-counter painkillers (NSAIDs) and unverified herbal remedies; keep blood pressure and glucose under control; eat moderate amounts of high-quality protein; recheck kidney function and urine protein regularly." },
  },
];
