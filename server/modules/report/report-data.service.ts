import { createTranslator } from "next-intl";
import type { TenantDb } from "@/db/tenant";
import type { AuditActor } from "@/server/audit/record";
import { openField, openFieldOrNull } from "@/server/crypto/field-crypto";
import type { TenantKeyring } from "@/server/crypto/tenant-keys";
import { isoDate, patientKey, staffNames, type PatientContext } from "@/server/modules/patient/patient-context";
import { plansWithProgress, tenantToday } from "@/server/modules/plan/plan.service";
import { riskModel } from "@/server/modules/risk/models/registry";
import type { RiskModelId, RiskResult } from "@/server/modules/risk/models/types";
import { evaluatePatients } from "@/server/modules/risk/risk-evaluation";
import { ageOn } from "@/server/modules/risk/risk-inputs";
import type { Flag, ReportData, ReportLabels, ReportResultRow, ReportRisk, ReportTrend } from "@/server/pdf/templates/health-report/report-data";
import { ZAdviceItem } from "@/server/shared/dto/advice";
import type { SummaryContent } from "@/server/modules/summary/summary-content";
import careEn from "@/messages/en/care.json";
import reportEn from "@/messages/en/report.json";
import riskEn from "@/messages/en/risk.json";
import careZh from "@/messages/zh-CN/care.json";
import reportZh from "@/messages/zh-CN/report.json";
import riskZh from "@/messages/zh-CN/risk.json";
import { latestExamConclusion, loadReportObservations, type ReportObservation } from "./report-observations";

const MESSAGES = { "zh-CN": { risk: riskZh, care: careZh, report: reportZh }, en: { risk: riskEn, care: careEn, report: reportEn } } as const;
export type ReportLocale = keyof typeof MESSAGES;

/** Indicators drawn as trend charts, in this order, when they have at least two values. */
const TREND_CODES = ["8480-6", "8462-4", "29463-7", "39156-5", "8280-0", "14771-0", "4548-4", "14647-2", "22748-8", "13457-7", "14927-8", "14646-4", "14682-9", "14933-6"];

const FLAG: Record<NonNullable<ReportObservation["flag"]>, Flag> = { H: "high", L: "low", HH: "critical_high", LL: "critical_low", A: "abnormal" };

export interface ReportContext {
  tenant: { id: string; name: string; nameEn: string | null; timeZone: string };
  ring: TenantKeyring;
  actor: AuditActor;
}

function fmtDate(d: Date, locale: ReportLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d).replace(/\//g, "-");
}

const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));

function range(o: ReportObservation): string {
  if (o.refText) return o.refText;
  if (o.refLow !== null && o.refHigh !== null) return `${num(o.refLow)}–${num(o.refHigh)}`;
  if (o.refLow !== null) return `≥ ${num(o.refLow)}`;
  if (o.refHigh !== null) return `≤ ${num(o.refHigh)}`;
  return "—";
}

/**
 * Everything the printed report shows for one patient, localised. Runs inside the caller's
 * transaction (which also writes the audit event). `patient` is the row loaded in scope.
 */
export async function buildReportData(
  trx: TenantDb,
  rc: ReportContext,
  patient: { id: string; key_sealed: string | null; name_sealed: string; sex: "male" | "female" | "unknown"; birth_date: Date | string | null; manager_user_id: string | null },
  locale: ReportLocale,
  conclusionText: string | null,
): Promise<ReportData> {
  const m = MESSAGES[locale];
  const tRisk = createTranslator({ locale, messages: { risk: m.risk }, namespace: "risk" });
  const tCare = createTranslator({ locale, messages: { care: m.care }, namespace: "care" });
  const tReport = createTranslator({ locale, messages: { report: m.report }, namespace: "report" });
  const tz = rc.tenant.timeZone;
  const now = new Date();
  const key = patientKey(rc.ring, patient.id, patient.key_sealed);
  const bind = (table: string, column: string, rowId: string) => ({ tenantId: rc.tenant.id, table, column, rowId });
  const name = key ? openField(key, patient.name_sealed, bind("patients", "name", patient.id)) : "***";

  const { collected } = await evaluatePatients(trx, rc.ring, rc.tenant.id, [patient], { trigger: "report", actor: rc.actor, asOf: now });
  const inputs = collected.get(patient.id)!.inputs;
  const [observations, assessments, card, adviceRow, summaryRow, plans, exam, managers] = await Promise.all([
    loadReportObservations(trx, patient.id),
    trx.selectFrom("risk_assessments").selectAll().where("patient_id", "=", patient.id).where("is_current", "=", true).execute(),
    trx.selectFrom("member_cards").select(["id", "card_no_sealed", "level"]).where("patient_id", "=", patient.id).orderBy("created_at", "desc").executeTakeFirst(),
    trx.selectFrom("advice_sets").select(["id", "items_sealed"]).where("patient_id", "=", patient.id).where("status", "=", "published").orderBy("published_at", "desc").executeTakeFirst(),
    trx.selectFrom("stage_summaries").selectAll().where("patient_id", "=", patient.id).where("status", "=", "published").orderBy("period_end", "desc").executeTakeFirst(),
    plansWithProgress(trx, patient.id, tenantToday(tz, now)),
    latestExamConclusion(trx, patient.id),
    staffNames({ tenant: { id: rc.tenant.id, slug: "" } } as PatientContext, trx, [patient.manager_user_id]),
  ]);

  // Latest value per indicator for the tables; every value for the trends.
  const latest = new Map<string, ReportObservation>();
  for (const o of observations) latest.set(o.code, o);
  const rowOf = (o: ReportObservation): ReportResultRow => {
    const flag: Flag = o.flag ? FLAG[o.flag] : "normal";
    return {
      name: locale === "en" ? o.nameEn : o.nameZh,
      value: o.value !== null ? num(o.value) : (o.valueText ?? "—"),
      unit: o.unit,
      range: range(o),
      flag,
      flagLabel: tReport(`flags.${flag}`),
      date: fmtDate(o.observedAt, locale, tz),
    };
  };
  const latestRows = [...latest.values()].sort((a, b) => a.category.localeCompare(b.category) || a.sortOrder - b.sortOrder);
  const abnormal = latestRows.filter((o) => o.flag).sort((a, b) => Number(b.flag === "HH" || b.flag === "LL") - Number(a.flag === "HH" || a.flag === "LL")).map(rowOf);
  const groups = new Map<string, ReportResultRow[]>();
  for (const o of latestRows) {
    const g = o.category;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(rowOf(o));
  }
  const categoryLabel = (c: string) => (locale === "en" ? c.charAt(0).toUpperCase() + c.slice(1) : (CATEGORY_ZH[c] ?? c));

  const trends: ReportTrend[] = [];
  for (const code of TREND_CODES) {
    const series = observations.filter((o) => o.loinc === code && o.value !== null);
    if (series.length < 2) continue;
    const last = series[series.length - 1]!;
    trends.push({
      title: locale === "en" ? last.nameEn : last.nameZh,
      unit: last.unit,
      points: series.map((o) => ({ x: o.observedAt.getTime(), y: o.value! })),
      refLow: last.refLow ?? undefined,
      refHigh: last.refHigh ?? undefined,
      fromLabel: fmtDate(series[0]!.observedAt, locale, tz),
      toLabel: fmtDate(last.observedAt, locale, tz),
      latestLabel: `${num(last.value!)} ${last.unit}`,
    });
  }

  const risks: ReportRisk[] = (["cvd10", "hypertension", "cdrs", "metabolic_syndrome", "body", "ckd"] as RiskModelId[]).flatMap((id) => {
    const a = assessments.find((x) => x.model_id === id);
    if (!a) return [];
    const r = a.result as unknown as RiskResult;
    const title = tRisk(`models.${id}.title` as never);
    const model = `${riskModel(id).source} · v${a.model_version}`;
    if (r.status !== "assessed") {
      const text = r.status === "not_assessable" ? tRisk("ui.notAssessable", { needs: r.missing.map((x) => tRisk(`input.${x}` as never)).join(locale === "en" ? ", " : "、") }) : tRisk(`population.${r.reason}` as never, r.params as never);
      return [{ title, scoreLabel: "", levelLabel: "", severity: 0, factors: [], explanation: [], recommendations: [], model, notAssessable: text }];
    }
    const max = Math.max(...r.factors.map((f) => Math.abs(f.weight)), 1e-9);
    const factorKey = (k: string) => (id === "metabolic_syndrome" ? `factorMets.${k}` : `factor.${k}`);
    return [
      {
        title,
        scoreLabel: r.scoreUnit === "points" ? (locale === "en" ? `${r.score} pts` : `${r.score} 分`) : r.scoreUnit === "criteria" ? `${r.score}/5` : r.scoreUnit === "%" ? `${r.score}%` : `${r.score} ${r.scoreUnit}`,
        levelLabel: tRisk(`level.${id}.${r.level}` as never),
        severity: r.severity,
        factors: r.factors.map((f) => ({ label: tRisk(factorKey(f.key) as never, (f.params ?? {}) as never), weightLabel: id === "cdrs" ? `+${f.weight}` : id === "cvd10" ? f.weight.toFixed(2) : "", share: Math.abs(f.weight) / max })),
        explanation: r.explanation.map((e) => tRisk(`explain.${e.key}` as never, (e.params ?? {}) as never)),
        recommendations: r.recommendations.map((k) => tRisk(`recommend.${k}` as never)),
        model,
      },
    ];
  });

  const advice = adviceRow && key ? ZAdviceItem.array().parse(JSON.parse(openField(key, adviceRow.items_sealed, bind("advice_sets", "items", adviceRow.id)))).map((i) => ({ category: tCare(`advice.category.${i.category}`), title: i.title, body: i.body })) : [];

  const plan = plans.find((p) => p.status === "active") ?? null;
  const goalTone = { met: 0, on_track: 0, off_track: 2, missed: 3, no_data: 1 } as const;
  const summary = summaryRow ? (summaryRow.content as unknown as SummaryContent) : null;
  const narrative = summaryRow && key ? openFieldOrNull(key, summaryRow.narrative_sealed, bind("stage_summaries", "narrative", summaryRow.id)) : null;

  const cardNo = card && key ? openField(key, card.card_no_sealed, bind("member_cards", "card_no", card.id)) : null;
  const age = isoDate(patient.birth_date) ? ageOn(isoDate(patient.birth_date)!, now) : null;
  const sexLabel = locale === "en" ? { male: "Male", female: "Female", unknown: "—" }[patient.sex] : { male: "男", female: "女", unknown: "—" }[patient.sex];
  const yes = locale === "en" ? "Yes" : "是";
  const no = locale === "en" ? "No" : "否";
  const L = m.report.pdf as unknown as ReportLabels;
  const examConclusion = exam && key ? openQuietly(() => openFieldOrNull(key, exam.sealed, bind("exam_reports", "conclusion", exam.reportId))) : null;
  const conclusion = conclusionText?.trim() || examConclusion;

  return {
    locale,
    labels: L,
    tenant: { name: locale === "en" ? (rc.tenant.nameEn ?? rc.tenant.name) : rc.tenant.name, accent: "#0f766e" },
    patient: {
      name,
      sexAge: [sexLabel, age !== null ? (locale === "en" ? `${age} y` : `${age}岁`) : null].filter(Boolean).join(" · "),
      cardNo: cardNo ? `${card!.level} · ${cardNo.length > 6 ? `${cardNo.slice(0, 3)}****${cardNo.slice(-3)}` : cardNo}` : "—",
      birthDate: isoDate(patient.birth_date) ?? "—",
      manager: (patient.manager_user_id && managers.get(patient.manager_user_id)) || "—",
      facts: [
        { label: tCare("plans.metric.sbp") + " / " + tCare("plans.metric.dbp"), value: inputs.sbpMmHg !== undefined ? `${inputs.sbpMmHg}/${inputs.dbpMmHg ?? "—"} mmHg` : "—" },
        { label: "BMI", value: inputs.bmi !== undefined ? `${inputs.bmi} kg/m²` : inputs.heightCm && inputs.weightKg ? `${Math.round((inputs.weightKg / (inputs.heightCm / 100) ** 2) * 10) / 10} kg/m²` : "—" },
        { label: tCare("plans.metric.waist"), value: inputs.waistCm !== undefined ? `${inputs.waistCm} cm` : "—" },
        { label: tRisk("input.currentSmoker"), value: inputs.currentSmoker === undefined ? "—" : inputs.currentSmoker ? yes : no },
      ],
    },
    generatedAt: new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { timeZone: tz, dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }).format(now),
    period: observations.length ? `${fmtDate(observations[0]!.observedAt, locale, tz)} – ${fmtDate(observations[observations.length - 1]!.observedAt, locale, tz)}` : "—",
    abnormal,
    results: [...groups].map(([g, rows]) => ({ group: categoryLabel(g), rows })),
    trends,
    risks,
    advice,
    plan: plan
      ? {
          title: `${tCare(`plans.kind.${plan.kind}`)} · ${plan.title}`,
          goals: plan.goals.map((g) => ({
            title: tCare("plans.goalText", { metric: tCare(`plans.metric.${g.metric}`), comparator: tCare(`plans.comparator.${g.comparator}`), target: g.target, unit: g.unit }),
            target: `${g.target} ${g.unit}`,
            due: g.dueDate,
            latest: g.latest !== null ? `${g.latest} ${g.unit}` : "—",
            progress: g.progress,
            statusLabel: tCare(`plans.status.${g.status}`),
            tone: goalTone[g.status],
          })),
          tasks: plan.tasks.map((task) => ({ title: task.title, schedule: tCare("plans.schedule", { frequency: tCare(`plans.frequency.${task.frequency}`), times: task.timesPerPeriod }) })),
        }
      : null,
    summary:
      summary && summaryRow
        ? {
            period: `${summary.periodStart} – ${summary.periodEnd}`,
            body: narrative ?? "",
            changes: summary.indicators.map((i) => ({ name: tCare(`plans.metric.${i.metric}` as never), from: `${i.from} ${i.unit}`, to: `${i.to} ${i.unit}`, direction: i.direction, tone: i.improved === true ? 0 : i.improved === false ? 2 : 1 })),
            stats: [
              { label: tCare("summaries.goals"), value: summary.goalsTotal ? `${summary.goalsMet}/${summary.goalsTotal}` : "—" },
              { label: tCare("summaries.followups"), value: summary.followups ? `${summary.followups.done}/${summary.followups.done + summary.followups.missed}` : "—" },
              { label: tCare("summaries.advice"), value: String(summary.advice.length) },
            ],
          }
        : null,
    conclusion: conclusion ? { text: conclusion, doctor: exam?.doctor ?? "—", date: exam?.date ?? fmtDate(now, locale, tz) } : null,
  };
}

/** A value sealed by another domain under a binding we cannot vouch for is left out, not fatal. */
function openQuietly(open: () => string | null): string | null {
  try {
    return open();
  } catch {
    return null;
  }
}

const CATEGORY_ZH: Record<string, string> = { vitals: "生命体征", body: "人体测量", glucose: "血糖", lipids: "血脂", liver: "肝功能", kidney: "肾功能", thyroid: "甲状腺", blood: "血常规", electrolytes: "电解质", other: "其他", tumour: "肿瘤标志物", urine: "尿常规" };

