/**
 * The indicator catalogue every tenant starts with (frozen: migration 20261129T0400_results seeds it;
 * later changes go into a new migration). Units as used in China. Conversions: catalogue value =
 * reported value × factor + shift.
 *
 * Sources of the default ranges (labs' own ranges always win when supplied with a result):
 * - BP grades, critical 180/110: 中国高血压防治指南 2018; heart rate A-class ≤45 / ≥150,
 *   Hb ≤60 g/L, PLT ≤30 ×10⁹/L: 健康体检重要异常结果管理专家共识 2019.
 * - BMI, waist: WS/T 428-2013. FPG, 2h-PG, HbA1c: 中国2型糖尿病防治指南 (CDS 2020); glucose ≥16.7 mmol/L
 *   is the emergency-referral threshold of 国家基本公共卫生服务规范 (3rd ed.).
 * - Lipids: 中国成人血脂异常防治指南 (2016/2023) "suitable" cut-points.
 * - ALT/AST/GGT/ALP/TP/ALB: WS/T 404.1-2012, 404.2-2012; creatinine, urea, uric acid: WS/T 404.5-2015;
 *   K/Na/Cl: WS/T 404.3-2012; Ca: WS/T 404.6-2015; blood count: WS/T 405-2012.
 * - eGFR: KDIGO G1 ≥90 (CKD-EPI 2021). TSH/FT4/FT3, bilirubin, hs-CRP, homocysteine, AFP, CEA:
 *   typical values of common Chinese laboratory platforms — method-specific, labs' ranges preferred.
 * - Potassium / glucose critical lows and potassium critical high: common 危急值 lists (verify locally).
 * - Conversion factors: molar masses (glucose 180.16 g/mol → ÷18.016; cholesterol ÷38.67; TG ÷88.57;
 *   creatinine ×88.4; uric acid ×59.48; BUN mg/dL ×0.357; bilirubin ×17.1; Ca ×0.2495);
 *   HbA1c IFCC → NGSP: % = 0.09148 × mmol/mol + 2.152; temperature °F → °C.
 * LOINC codes are the molar variants where China reports molar units; verify before relying on them
 * for exchange.
 */
export interface CatalogueRange {
  sex?: "any" | "male" | "female";
  ageMin?: number;
  ageMax?: number;
  low?: number;
  high?: number;
  criticalLow?: number;
  criticalHigh?: number;
}

export interface CatalogueIndicator {
  code: string;
  loinc?: string;
  nameZh: string;
  nameEn: string;
  category: string;
  unit: string;
  valueType?: "numeric" | "ordinal" | "text";
  decimals?: number;
  plausible?: [number, number];
  normalValues?: string[];
  ranges?: CatalogueRange[];
  conversions?: { unit: string; factor: number; shift?: number }[];
}

const MGDL_GLUCOSE = [{ unit: "mg/dL", factor: 1 / 18.016 }];
const MGDL_CHOL = [{ unit: "mg/dL", factor: 1 / 38.67 }];
const NEG = ["阴性", "-", "negative", "neg", "NEG", "阴性(-)", "(-)"];

export const RESULTS_CATALOGUE_V1: CatalogueIndicator[] = [
  // Vital signs and body measures
  { code: "SBP", loinc: "8480-6", nameZh: "收缩压", nameEn: "Systolic blood pressure", category: "vitals", unit: "mmHg", decimals: 0, plausible: [40, 300], ranges: [{ low: 90, high: 139, criticalHigh: 180 }], conversions: [{ unit: "kPa", factor: 7.50062 }] },
  { code: "DBP", loinc: "8462-4", nameZh: "舒张压", nameEn: "Diastolic blood pressure", category: "vitals", unit: "mmHg", decimals: 0, plausible: [20, 200], ranges: [{ low: 60, high: 89, criticalHigh: 110 }], conversions: [{ unit: "kPa", factor: 7.50062 }] },
  { code: "HR", loinc: "8867-4", nameZh: "心率", nameEn: "Heart rate", category: "vitals", unit: "/min", decimals: 0, plausible: [15, 300], ranges: [{ low: 60, high: 100, criticalLow: 45, criticalHigh: 150 }], conversions: [{ unit: "bpm", factor: 1 }, { unit: "次/分", factor: 1 }] },
  { code: "TEMP", loinc: "8310-5", nameZh: "体温", nameEn: "Body temperature", category: "vitals", unit: "°C", decimals: 1, plausible: [30, 45], ranges: [{ low: 36.0, high: 37.3 }], conversions: [{ unit: "°F", factor: 5 / 9, shift: -160 / 9 }, { unit: "℃", factor: 1 }] },
  { code: "HEIGHT", loinc: "8302-2", nameZh: "身高", nameEn: "Body height", category: "body", unit: "cm", decimals: 1, plausible: [40, 250], conversions: [{ unit: "m", factor: 100 }] },
  { code: "WEIGHT", loinc: "29463-7", nameZh: "体重", nameEn: "Body weight", category: "body", unit: "kg", decimals: 1, plausible: [2, 350], conversions: [{ unit: "g", factor: 0.001 }, { unit: "斤", factor: 0.5 }, { unit: "lb", factor: 0.45359237 }] },
  { code: "BMI", loinc: "39156-5", nameZh: "体重指数", nameEn: "Body mass index", category: "body", unit: "kg/m²", decimals: 1, plausible: [8, 80], ranges: [{ low: 18.5, high: 23.9 }], conversions: [{ unit: "kg/m2", factor: 1 }] },
  { code: "WAIST", loinc: "8280-0", nameZh: "腰围", nameEn: "Waist circumference", category: "body", unit: "cm", decimals: 1, plausible: [30, 250], ranges: [{ sex: "male", high: 89.9 }, { sex: "female", high: 84.9 }], conversions: [{ unit: "m", factor: 100 }] },
  // Glucose metabolism
  { code: "FPG", loinc: "14771-0", nameZh: "空腹血糖", nameEn: "Fasting plasma glucose", category: "glucose", unit: "mmol/L", decimals: 2, plausible: [0.5, 60], ranges: [{ low: 3.9, high: 6.1, criticalLow: 2.8, criticalHigh: 16.7 }], conversions: MGDL_GLUCOSE },
  { code: "PG2H", loinc: "14995-5", nameZh: "餐后2小时血糖", nameEn: "2-hour plasma glucose (OGTT)", category: "glucose", unit: "mmol/L", decimals: 2, plausible: [0.5, 60], ranges: [{ high: 7.8, criticalLow: 2.8, criticalHigh: 16.7 }], conversions: MGDL_GLUCOSE },
  { code: "HBA1C", loinc: "4548-4", nameZh: "糖化血红蛋白", nameEn: "Haemoglobin A1c", category: "glucose", unit: "%", decimals: 1, plausible: [2, 25], ranges: [{ low: 4.0, high: 6.0 }], conversions: [{ unit: "mmol/mol", factor: 0.09148, shift: 2.152 }] },
  // Lipids
  { code: "TC", loinc: "14647-2", nameZh: "总胆固醇", nameEn: "Total cholesterol", category: "lipids", unit: "mmol/L", decimals: 2, plausible: [0.5, 30], ranges: [{ high: 5.2 }], conversions: MGDL_CHOL },
  { code: "TG", loinc: "14927-8", nameZh: "甘油三酯", nameEn: "Triglycerides", category: "lipids", unit: "mmol/L", decimals: 2, plausible: [0.05, 60], ranges: [{ high: 1.7 }], conversions: [{ unit: "mg/dL", factor: 1 / 88.57 }] },
  { code: "LDLC", loinc: "22748-8", nameZh: "低密度脂蛋白胆固醇", nameEn: "LDL cholesterol", category: "lipids", unit: "mmol/L", decimals: 2, plausible: [0.1, 25], ranges: [{ high: 3.4 }], conversions: MGDL_CHOL },
  { code: "HDLC", loinc: "14646-4", nameZh: "高密度脂蛋白胆固醇", nameEn: "HDL cholesterol", category: "lipids", unit: "mmol/L", decimals: 2, plausible: [0.1, 10], ranges: [{ low: 1.0 }], conversions: MGDL_CHOL },
  { code: "NHDLC", loinc: "43396-1", nameZh: "非高密度脂蛋白胆固醇", nameEn: "Non-HDL cholesterol", category: "lipids", unit: "mmol/L", decimals: 2, plausible: [0.1, 30], ranges: [{ high: 4.1 }], conversions: MGDL_CHOL },
  // Liver
  { code: "ALT", loinc: "1742-6", nameZh: "丙氨酸氨基转移酶", nameEn: "Alanine aminotransferase", category: "liver", unit: "U/L", decimals: 0, plausible: [0, 10000], ranges: [{ sex: "male", low: 9, high: 50 }, { sex: "female", low: 7, high: 40 }], conversions: [{ unit: "μkat/L", factor: 60 }, { unit: "IU/L", factor: 1 }] },
  { code: "AST", loinc: "1920-8", nameZh: "天门冬氨酸氨基转移酶", nameEn: "Aspartate aminotransferase", category: "liver", unit: "U/L", decimals: 0, plausible: [0, 10000], ranges: [{ sex: "male", low: 15, high: 40 }, { sex: "female", low: 13, high: 35 }], conversions: [{ unit: "μkat/L", factor: 60 }, { unit: "IU/L", factor: 1 }] },
  { code: "GGT", loinc: "2324-2", nameZh: "γ-谷氨酰转移酶", nameEn: "Gamma-glutamyl transferase", category: "liver", unit: "U/L", decimals: 0, plausible: [0, 10000], ranges: [{ sex: "male", low: 10, high: 60 }, { sex: "female", low: 7, high: 45 }], conversions: [{ unit: "μkat/L", factor: 60 }, { unit: "IU/L", factor: 1 }] },
  { code: "ALP", loinc: "6768-6", nameZh: "碱性磷酸酶", nameEn: "Alkaline phosphatase", category: "liver", unit: "U/L", decimals: 0, plausible: [0, 5000], ranges: [{ sex: "male", ageMin: 20, low: 45, high: 125 }, { sex: "female", ageMin: 20, ageMax: 50, low: 35, high: 100 }, { sex: "female", ageMin: 50, low: 50, high: 135 }], conversions: [{ unit: "μkat/L", factor: 60 }, { unit: "IU/L", factor: 1 }] },
  { code: "TBIL", loinc: "14631-6", nameZh: "总胆红素", nameEn: "Total bilirubin", category: "liver", unit: "μmol/L", decimals: 1, plausible: [0, 1000], ranges: [{ low: 3.4, high: 20.5 }], conversions: [{ unit: "mg/dL", factor: 17.1 }, { unit: "umol/L", factor: 1 }] },
  { code: "DBIL", loinc: "14629-0", nameZh: "直接胆红素", nameEn: "Direct bilirubin", category: "liver", unit: "μmol/L", decimals: 1, plausible: [0, 800], ranges: [{ high: 6.8 }], conversions: [{ unit: "mg/dL", factor: 17.1 }, { unit: "umol/L", factor: 1 }] },
  { code: "TP", loinc: "2885-2", nameZh: "总蛋白", nameEn: "Total protein", category: "liver", unit: "g/L", decimals: 1, plausible: [10, 150], ranges: [{ ageMin: 20, low: 65, high: 85 }], conversions: [{ unit: "g/dL", factor: 10 }] },
  { code: "ALB", loinc: "1751-7", nameZh: "白蛋白", nameEn: "Albumin", category: "liver", unit: "g/L", decimals: 1, plausible: [5, 80], ranges: [{ ageMin: 20, ageMax: 60, low: 40, high: 55 }, { ageMin: 60, low: 38, high: 54 }], conversions: [{ unit: "g/dL", factor: 10 }] },
  // Kidney
  { code: "CREA", loinc: "14682-9", nameZh: "肌酐", nameEn: "Creatinine", category: "kidney", unit: "μmol/L", decimals: 0, plausible: [5, 3000], ranges: [{ sex: "male", ageMin: 20, ageMax: 60, low: 57, high: 97 }, { sex: "male", ageMin: 60, low: 57, high: 111 }, { sex: "female", ageMin: 20, ageMax: 60, low: 41, high: 73 }, { sex: "female", ageMin: 60, low: 41, high: 81 }], conversions: [{ unit: "mg/dL", factor: 88.4 }, { unit: "umol/L", factor: 1 }] },
  { code: "UREA", loinc: "22664-7", nameZh: "尿素", nameEn: "Urea", category: "kidney", unit: "mmol/L", decimals: 2, plausible: [0.3, 100], ranges: [{ sex: "male", ageMin: 20, ageMax: 60, low: 3.1, high: 8.0 }, { sex: "male", ageMin: 60, low: 3.6, high: 9.5 }, { sex: "female", ageMin: 20, ageMax: 60, low: 2.6, high: 7.5 }, { sex: "female", ageMin: 60, low: 3.1, high: 8.8 }], conversions: [{ unit: "mg/dL", factor: 0.357 }] },
  { code: "UA", loinc: "14933-6", nameZh: "尿酸", nameEn: "Uric acid", category: "kidney", unit: "μmol/L", decimals: 0, plausible: [10, 2000], ranges: [{ sex: "male", low: 208, high: 420 }, { sex: "female", low: 155, high: 360 }], conversions: [{ unit: "mg/dL", factor: 59.48 }, { unit: "umol/L", factor: 1 }] },
  { code: "EGFR", loinc: "98979-8", nameZh: "估算肾小球滤过率", nameEn: "eGFR (CKD-EPI 2021)", category: "kidney", unit: "mL/min/1.73m²", decimals: 0, plausible: [1, 250], ranges: [{ low: 90, criticalLow: 15 }], conversions: [{ unit: "mL/min/1.73m2", factor: 1 }, { unit: "ml/min/1.73m2", factor: 1 }] },
  // Thyroid
  { code: "TSH", loinc: "3016-3", nameZh: "促甲状腺激素", nameEn: "Thyroid-stimulating hormone", category: "thyroid", unit: "mIU/L", decimals: 2, plausible: [0, 500], ranges: [{ low: 0.27, high: 4.2 }], conversions: [{ unit: "μIU/mL", factor: 1 }, { unit: "uIU/mL", factor: 1 }] },
  { code: "FT4", loinc: "14920-3", nameZh: "游离甲状腺素", nameEn: "Free thyroxine", category: "thyroid", unit: "pmol/L", decimals: 1, plausible: [0.5, 200], ranges: [{ low: 12, high: 22 }], conversions: [{ unit: "ng/dL", factor: 12.87 }] },
  { code: "FT3", loinc: "14928-6", nameZh: "游离三碘甲状腺原氨酸", nameEn: "Free triiodothyronine", category: "thyroid", unit: "pmol/L", decimals: 2, plausible: [0.3, 100], ranges: [{ low: 3.1, high: 6.8 }], conversions: [{ unit: "pg/mL", factor: 1.536 }] },
  // Blood count
  { code: "HB", loinc: "718-7", nameZh: "血红蛋白", nameEn: "Haemoglobin", category: "blood", unit: "g/L", decimals: 0, plausible: [10, 260], ranges: [{ sex: "male", low: 130, high: 175, criticalLow: 60 }, { sex: "female", low: 115, high: 150, criticalLow: 60 }], conversions: [{ unit: "g/dL", factor: 10 }] },
  { code: "WBC", loinc: "6690-2", nameZh: "白细胞计数", nameEn: "White blood cell count", category: "blood", unit: "×10⁹/L", decimals: 2, plausible: [0, 500], ranges: [{ low: 3.5, high: 9.5 }], conversions: [{ unit: "10*9/L", factor: 1 }, { unit: "10^9/L", factor: 1 }, { unit: "10*3/uL", factor: 1 }, { unit: "×10^9/L", factor: 1 }] },
  { code: "RBC", loinc: "789-8", nameZh: "红细胞计数", nameEn: "Red blood cell count", category: "blood", unit: "×10¹²/L", decimals: 2, plausible: [0.5, 10], ranges: [{ sex: "male", low: 4.3, high: 5.8 }, { sex: "female", low: 3.8, high: 5.1 }], conversions: [{ unit: "10*12/L", factor: 1 }, { unit: "10^12/L", factor: 1 }, { unit: "10*6/uL", factor: 1 }] },
  { code: "PLT", loinc: "777-3", nameZh: "血小板计数", nameEn: "Platelet count", category: "blood", unit: "×10⁹/L", decimals: 0, plausible: [0, 3000], ranges: [{ low: 125, high: 350, criticalLow: 30 }], conversions: [{ unit: "10*9/L", factor: 1 }, { unit: "10^9/L", factor: 1 }, { unit: "10*3/uL", factor: 1 }, { unit: "×10^9/L", factor: 1 }] },
  { code: "HCT", loinc: "4544-3", nameZh: "红细胞压积", nameEn: "Haematocrit", category: "blood", unit: "%", decimals: 1, plausible: [5, 80], ranges: [{ sex: "male", low: 40, high: 50 }, { sex: "female", low: 35, high: 45 }], conversions: [{ unit: "L/L", factor: 100 }] },
  { code: "NEUTP", loinc: "770-8", nameZh: "中性粒细胞百分比", nameEn: "Neutrophils %", category: "blood", unit: "%", decimals: 1, plausible: [0, 100], ranges: [{ low: 40, high: 75 }] },
  { code: "LYMPHP", loinc: "736-9", nameZh: "淋巴细胞百分比", nameEn: "Lymphocytes %", category: "blood", unit: "%", decimals: 1, plausible: [0, 100], ranges: [{ low: 20, high: 50 }] },
  // Electrolytes
  { code: "K", loinc: "2823-3", nameZh: "钾", nameEn: "Potassium", category: "electrolytes", unit: "mmol/L", decimals: 2, plausible: [1, 12], ranges: [{ low: 3.5, high: 5.3, criticalLow: 2.8, criticalHigh: 6.2 }], conversions: [{ unit: "mEq/L", factor: 1 }] },
  { code: "NA", loinc: "2951-2", nameZh: "钠", nameEn: "Sodium", category: "electrolytes", unit: "mmol/L", decimals: 0, plausible: [90, 200], ranges: [{ low: 137, high: 147 }], conversions: [{ unit: "mEq/L", factor: 1 }] },
  { code: "CL", loinc: "2075-0", nameZh: "氯", nameEn: "Chloride", category: "electrolytes", unit: "mmol/L", decimals: 0, plausible: [60, 150], ranges: [{ low: 99, high: 110 }], conversions: [{ unit: "mEq/L", factor: 1 }] },
  { code: "CA", loinc: "2000-8", nameZh: "钙", nameEn: "Calcium", category: "electrolytes", unit: "mmol/L", decimals: 2, plausible: [0.5, 5], ranges: [{ low: 2.11, high: 2.52 }], conversions: [{ unit: "mg/dL", factor: 0.2495 }] },
  // Inflammation, cardiovascular and tumour markers
  { code: "HSCRP", loinc: "30522-7", nameZh: "超敏C反应蛋白", nameEn: "hs-CRP", category: "other", unit: "mg/L", decimals: 2, plausible: [0, 500], ranges: [{ high: 3 }], conversions: [{ unit: "mg/dL", factor: 10 }] },
  { code: "HCY", loinc: "13965-9", nameZh: "同型半胱氨酸", nameEn: "Homocysteine", category: "other", unit: "μmol/L", decimals: 1, plausible: [0, 500], ranges: [{ low: 5, high: 15 }], conversions: [{ unit: "umol/L", factor: 1 }] },
  { code: "AFP", loinc: "1834-1", nameZh: "甲胎蛋白", nameEn: "Alpha-fetoprotein", category: "tumour", unit: "ng/mL", decimals: 2, plausible: [0, 1000000], ranges: [{ high: 7 }], conversions: [{ unit: "μg/L", factor: 1 }, { unit: "ug/L", factor: 1 }] },
  { code: "CEA", loinc: "2039-6", nameZh: "癌胚抗原", nameEn: "Carcinoembryonic antigen", category: "tumour", unit: "ng/mL", decimals: 2, plausible: [0, 100000], ranges: [{ high: 5 }], conversions: [{ unit: "μg/L", factor: 1 }, { unit: "ug/L", factor: 1 }] },
  // Urinalysis (ordinal results: anything not in normalValues is flagged A)
  { code: "UPRO", loinc: "20454-5", nameZh: "尿蛋白", nameEn: "Urine protein", category: "urine", unit: "", valueType: "ordinal", decimals: 0, normalValues: NEG },
  { code: "UGLU", loinc: "25428-4", nameZh: "尿糖", nameEn: "Urine glucose", category: "urine", unit: "", valueType: "ordinal", decimals: 0, normalValues: NEG },
  { code: "UBLD", loinc: "5794-3", nameZh: "尿潜血", nameEn: "Urine occult blood", category: "urine", unit: "", valueType: "ordinal", decimals: 0, normalValues: NEG },
];
