import { z } from "zod";
import type { Catalogue } from "../rules/catalogue";

/**
 * Column mapping for CSV/XLSX. `long`: one row per observation (indicator + value columns).
 * `wide`: one row per report, one column per indicator.
 */
const column = z.string().trim().min(1).max(200);
export const ZColumnMapping = z
  .object({
    layout: z.enum(["long", "wide"]),
    columns: z
      .object({
        patientId: column,
        cardNo: column,
        idNumber: column,
        mrn: column,
        name: column,
        reportId: column,
        examDate: column,
        department: column,
        doctor: column,
        conclusion: column,
        indicator: column,
        value: column,
        unit: column,
        range: column,
        flag: column,
        note: column,
      })
      .partial(),
    indicators: z.array(z.object({ column, code: z.string().trim().min(1).max(64), unit: z.string().trim().max(40).nullish() })).max(300).default([]),
  })
  .superRefine((m, ctx) => {
    const c = m.columns;
    if (!c.patientId && !c.cardNo && !c.idNumber && !c.mrn) ctx.addIssue({ code: "custom", path: ["columns"], message: "errors.mappingPatientColumn" });
    if (!c.examDate) ctx.addIssue({ code: "custom", path: ["columns", "examDate"], message: "errors.mappingExamDate" });
    if (m.layout === "long" && (!c.indicator || !c.value)) ctx.addIssue({ code: "custom", path: ["columns"], message: "errors.mappingLongColumns" });
    if (m.layout === "wide" && m.indicators.length === 0) ctx.addIssue({ code: "custom", path: ["indicators"], message: "errors.mappingWideColumns" });
  });
export type TColumnMapping = z.infer<typeof ZColumnMapping>;
export type MappedField = keyof TColumnMapping["columns"];

const SYNONYMS: Record<MappedField, string[]> = {
  patientId: ["patient_id", "patientid", "患者id"],
  cardNo: ["卡号", "会员卡号", "card", "card_no", "cardno", "card number", "card_number"],
  idNumber: ["身份证号", "身份证", "身份证号码", "id_number", "idnumber", "idcard", "id number", "id_no"],
  mrn: ["病历号", "门诊号", "体检号", "住院号", "mrn", "patient_no", "medical record number"],
  name: ["姓名", "name", "patient name", "patient_name"],
  reportId: ["报告号", "报告编号", "报告id", "report_id", "reportid", "report no", "report_no", "accession"],
  examDate: ["体检日期", "检查日期", "日期", "采样时间", "检验日期", "exam_date", "examdate", "date", "observed_at", "collected_at"],
  department: ["科室", "department", "dept"],
  doctor: ["医生", "审核医生", "报告医生", "doctor", "physician"],
  conclusion: ["结论", "总检结论", "conclusion", "summary"],
  indicator: ["项目", "指标", "项目代码", "检验项目", "indicator", "code", "item", "test", "loinc"],
  value: ["结果", "数值", "检验结果", "value", "result"],
  unit: ["单位", "unit", "units"],
  range: ["参考范围", "参考值", "参考区间", "reference_range", "reference range", "range", "ref_range"],
  flag: ["标志", "提示", "异常标志", "flag", "abnormal_flag"],
  note: ["备注", "note", "comment", "comments"],
};

/** "空腹血糖(mmol/L)" → { label: "空腹血糖", unit: "mmol/L" }. */
export function splitHeaderUnit(header: string): { label: string; unit: string | null } {
  const m = /^(.*?)\s*[(（\[]\s*([^()（）[\]]+?)\s*[)）\]]\s*$/.exec(header.trim());
  return m ? { label: m[1]!.trim(), unit: m[2]!.trim() } : { label: header.trim(), unit: null };
}

/** A first guess the user confirms or corrects in the mapping step. */
export function suggestMapping(headers: readonly string[], catalogue: Catalogue): TColumnMapping {
  const columns: TColumnMapping["columns"] = {};
  const taken = new Set<string>();
  for (const [field, names] of Object.entries(SYNONYMS) as [MappedField, string[]][]) {
    const hit = headers.find((h) => !taken.has(h) && names.includes(h.trim().toLowerCase()));
    if (hit) {
      columns[field] = hit;
      taken.add(hit);
    }
  }
  const indicators: TColumnMapping["indicators"] = [];
  for (const h of headers) {
    if (taken.has(h)) continue;
    const { label, unit } = splitHeaderUnit(h);
    const entry = label ? catalogue.find(label) : undefined;
    if (entry) indicators.push({ column: h, code: entry.code, unit: unit ?? entry.unit });
  }
  const layout = columns.indicator && columns.value ? "long" : indicators.length ? "wide" : "long";
  return { layout, columns, indicators: layout === "wide" ? indicators : [] };
}
