import { Document, Image, Page, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import type { ReportData, ReportResultRow, ReportRisk } from "./report-data";
import { flagTone, INK, LINE, MUTED, s, SOFT, TONE } from "./styles";
import { TrendChart } from "./trend-chart";

/**
 * 打印健康报告: cover, summary with abnormal findings first, risks, results, trends, advice, plan,
 * stage summary, conclusion. Long sections are split into pages here (fixed rows per page) instead of
 * letting react-pdf paginate one long flow: its pagination re-lays out the remaining content for
 * every page break, which made a 60-page report ~25× slower per page than a 5-page one.
 */
export const RESULT_ROWS_PER_PAGE = 34;
export const TRENDS_PER_PAGE = 8;

export function HealthReport({ data }: { data: ReportData }) {
  const L = data.labels;
  const resultPages = paginateResults(data.results);
  const trendPages = chunk(data.trends, TRENDS_PER_PAGE);
  return (
    <Document title={`${L.title} · ${data.patient.name}`} author={data.tenant.name} subject={L.title} language={data.locale} creator="CarePath" producer="CarePath">
      <Cover data={data} />
      <ReportPage data={data}>
        <Section title={L.sections.summary} alt={L.sectionsAlt.summary}>
          <PatientFacts data={data} />
        </Section>
        <Section title={L.sections.abnormal} alt={L.sectionsAlt.abnormal}>
          {data.abnormal.length === 0 ? <Text style={s.muted}>{L.noAbnormal}</Text> : <ResultsTable rows={data.abnormal} data={data} />}
        </Section>
        {data.conclusion ? (
          <Section title={L.sections.conclusion} alt={L.sectionsAlt.conclusion}>
            <Conclusion data={data} />
          </Section>
        ) : null}
      </ReportPage>
      <ReportPage data={data}>
        <Section title={L.sections.risks} alt={L.sectionsAlt.risks}>
          {data.risks.map((r, i) => (
            <RiskCard key={i} risk={r} data={data} />
          ))}
        </Section>
      </ReportPage>
      {(resultPages.length ? resultPages : [[]]).map((page, p) => (
        <ReportPage key={`r${p}`} data={data}>
          <Section title={L.sections.results} alt={p === 0 ? L.sectionsAlt.results : `${L.sectionsAlt.results} (${p + 1}/${resultPages.length})`}>
            {page.length === 0 ? <Text style={s.muted}>{L.noResults}</Text> : null}
            {page.map((g, i) => (
              <View key={i} style={{ marginBottom: 10 }}>
                <Text style={{ fontSize: 10, fontWeight: 700, color: data.tenant.accent, marginBottom: 3 }}>{g.group}</Text>
                <ResultsTable rows={g.rows} data={data} />
              </View>
            ))}
          </Section>
        </ReportPage>
      ))}
      {(trendPages.length ? trendPages : [[]]).map((page, p) => (
        <ReportPage key={`t${p}`} data={data}>
          <Section title={L.sections.trends} alt={L.sectionsAlt.trends}>
            {page.length === 0 ? <Text style={s.muted}>{L.noTrends}</Text> : null}
            <View style={[s.row, { flexWrap: "wrap", justifyContent: "space-between" }]}>
              {page.map((t, i) => (
                <TrendChart key={i} trend={t} accent={data.tenant.accent} />
              ))}
            </View>
          </Section>
        </ReportPage>
      ))}
      {data.advice.length || data.plan || data.summary ? (
        <ReportPage data={data}>
          {data.advice.length ? (
            <Section title={L.sections.advice} alt={L.sectionsAlt.advice}>
              {data.advice.map((a, i) => (
                <View key={i} wrap={false} style={[s.card, { borderLeftWidth: 3, borderLeftColor: data.tenant.accent }]}>
                  <Text style={[s.small, { color: data.tenant.accent, fontWeight: 700 }]}>{a.category}</Text>
                  <Text style={{ fontSize: 10.5, fontWeight: 700, marginBottom: 3 }}>{a.title}</Text>
                  <Text>{a.body}</Text>
                </View>
              ))}
            </Section>
          ) : null}
          {data.plan ? (
            <Section title={L.sections.plan} alt={L.sectionsAlt.plan}>
              <Plan data={data} />
            </Section>
          ) : null}
          {data.summary ? (
            <Section title={L.sections.stageSummary} alt={L.sectionsAlt.stageSummary}>
              <StageSummary data={data} />
            </Section>
          ) : null}
        </ReportPage>
      ) : null}
    </Document>
  );
}

function ReportPage({ data, children }: { data: ReportData; children: ReactNode }) {
  return (
    <Page size="A4" style={s.page}>
      <Chrome data={data} />
      {children}
    </Page>
  );
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Result groups cut into pages of RESULT_ROWS_PER_PAGE rows (a group header costs two rows). */
export function paginateResults(groups: ReportData["results"]): ReportData["results"][] {
  const pages: ReportData["results"][] = [];
  let page: ReportData["results"] = [];
  let used = 0;
  for (const g of groups) {
    let rows = g.rows;
    while (rows.length) {
      if (used + 3 > RESULT_ROWS_PER_PAGE) {
        pages.push(page);
        page = [];
        used = 0;
      }
      const take = Math.min(rows.length, RESULT_ROWS_PER_PAGE - used - 2);
      page.push({ group: g.group, rows: rows.slice(0, take) });
      used += take + 2;
      rows = rows.slice(take);
    }
  }
  if (page.length) pages.push(page);
  return pages;
}

function Cover({ data }: { data: ReportData }) {
  const L = data.labels;
  const accent = data.tenant.accent;
  return (
    <Page size="A4" style={{ fontFamily: s.page.fontFamily, color: INK }}>
      <View style={{ height: 300, backgroundColor: accent, paddingHorizontal: 56, paddingTop: 64 }}>
        <View style={[s.row, { alignItems: "center" }]}>
          {data.tenant.logoDataUrl ? (
            <Image src={data.tenant.logoDataUrl} style={{ width: 44, height: 44, borderRadius: 22, marginRight: 12 }} />
          ) : (
            <View style={{ width: 44, height: 44, borderRadius: 22, backgroundColor: "#ffffff", alignItems: "center", justifyContent: "center", marginRight: 12 }}>
              <Text style={{ color: accent, fontSize: 20, fontWeight: 700 }}>{Array.from(data.tenant.name)[0] ?? ""}</Text>
            </View>
          )}
          <Text style={{ color: "#ffffff", fontSize: 16, fontWeight: 700 }}>{data.tenant.name}</Text>
        </View>
        <Text style={{ color: "#ffffff", fontSize: 34, fontWeight: 700, marginTop: 64 }}>{L.title}</Text>
        <Text style={{ color: "#ffffff", opacity: 0.85, fontSize: 12, marginTop: 4, letterSpacing: 1 }}>{L.subtitle}</Text>
      </View>
      <View style={{ paddingHorizontal: 56, paddingTop: 40 }}>
        <Text style={{ fontSize: 9, color: MUTED }}>{L.patient}</Text>
        <Text style={{ fontSize: 26, fontWeight: 700, marginTop: 2 }}>{data.patient.name}</Text>
        <Text style={{ fontSize: 11, color: MUTED, marginTop: 2 }}>{data.patient.sexAge}</Text>
        <View style={{ marginTop: 28, borderTopWidth: 0.75, borderTopColor: LINE }}>
          {[
            [L.cardNo, data.patient.cardNo],
            [L.birthDate, data.patient.birthDate],
            [L.manager, data.patient.manager],
            [L.period, data.period],
            [L.generatedAt, data.generatedAt],
          ].map(([k, v]) => (
            <View key={k} style={[s.row, { paddingVertical: 7, borderBottomWidth: 0.75, borderBottomColor: LINE }]}>
              <Text style={{ width: 120, color: MUTED, fontSize: 10 }}>{k}</Text>
              <Text style={{ fontSize: 10.5, fontWeight: 500 }}>{v}</Text>
            </View>
          ))}
        </View>
      </View>
      <Text style={{ position: "absolute", bottom: 36, left: 56, right: 56, fontSize: 8, color: MUTED }}>{L.confidential}</Text>
    </Page>
  );
}

/** Running header and footer with page numbers (the cover is page 1 and carries neither). */
function Chrome({ data }: { data: ReportData }) {
  return (
    <>
      <View style={s.header} fixed>
        <Text>{data.tenant.name}</Text>
        <Text>
          {data.labels.title} · {data.patient.name}
        </Text>
      </View>
      <Text style={[s.footer, { right: 160 }]} fixed>
        {data.labels.confidential}
      </Text>
      <Text style={[s.footer, { left: undefined, textAlign: "right" }]} fixed render={({ pageNumber, totalPages }) => data.labels.page.replace("{page}", String(pageNumber)).replace("{total}", String(totalPages))} />
    </>
  );
}

function Section({ title, alt, children }: { title: string; alt: string; children: ReactNode }) {
  return (
    <View style={s.section}>
      <View wrap={false} minPresenceAhead={60}>
        <Text style={s.sectionTitle}>{title}</Text>
        <Text style={s.sectionAlt}>{alt}</Text>
      </View>
      {children}
    </View>
  );
}

function PatientFacts({ data }: { data: ReportData }) {
  return (
    <View style={[s.row, { flexWrap: "wrap", backgroundColor: SOFT, borderRadius: 6, padding: 8 }]}>
      {data.patient.facts.map((f) => (
        <View key={f.label} style={{ width: "25%", paddingVertical: 4, paddingHorizontal: 4 }}>
          <Text style={[s.small, s.muted]}>{f.label}</Text>
          <Text style={{ fontSize: 10.5, fontWeight: 700 }}>{f.value}</Text>
        </View>
      ))}
    </View>
  );
}

const COLS = { name: "30%", value: "14%", unit: "13%", range: "17%", flag: "12%", date: "14%" } as const;

function ResultsTable({ rows, data }: { rows: ReportResultRow[]; data: ReportData }) {
  const c = data.labels.columns;
  return (
    <View style={{ borderWidth: 0.75, borderColor: LINE, borderRadius: 4 }}>
      <View style={[s.row, { backgroundColor: SOFT, borderBottomWidth: 0.75, borderBottomColor: LINE }]}>
        <Text style={[s.th, { width: COLS.name }]}>{c.indicator}</Text>
        <Text style={[s.th, { width: COLS.value, textAlign: "right" }]}>{c.result}</Text>
        <Text style={[s.th, { width: COLS.unit }]}>{c.unit}</Text>
        <Text style={[s.th, { width: COLS.range }]}>{c.range}</Text>
        <Text style={[s.th, { width: COLS.flag }]}>{c.flag}</Text>
        <Text style={[s.th, { width: COLS.date }]}>{c.date}</Text>
      </View>
      {rows.map((r, i) => {
        const tone = TONE[flagTone(r.flag)];
        const abnormal = r.flag !== "normal";
        return (
          <View key={i} wrap={false} style={[s.row, { borderBottomWidth: i === rows.length - 1 ? 0 : 0.5, borderBottomColor: LINE, backgroundColor: abnormal ? "#fffbf5" : undefined }]}>
            <Text style={[s.td, { width: COLS.name }]}>{r.name}</Text>
            <Text style={[s.td, { width: COLS.value, textAlign: "right", fontWeight: abnormal ? 700 : 400, color: abnormal ? tone.fg : INK }]}>{r.value}</Text>
            <Text style={[s.td, { width: COLS.unit, color: MUTED }]}>{r.unit}</Text>
            <Text style={[s.td, { width: COLS.range, color: MUTED }]}>{r.range}</Text>
            <View style={[s.td, { width: COLS.flag }]}>
              {abnormal ? <Text style={[s.pill, { color: tone.fg, backgroundColor: tone.bg, alignSelf: "flex-start" }]}>{r.flagLabel}</Text> : <Text style={{ color: MUTED }}>{r.flagLabel}</Text>}
            </View>
            <Text style={[s.td, { width: COLS.date, color: MUTED }]}>{r.date}</Text>
          </View>
        );
      })}
    </View>
  );
}

function RiskCard({ risk, data }: { risk: ReportRisk; data: ReportData }) {
  const tone = TONE[risk.severity];
  const L = data.labels;
  return (
    <View wrap={false} style={[s.card, { borderLeftWidth: 3, borderLeftColor: risk.notAssessable ? LINE : tone.bar }]}>
      <View style={[s.row, { justifyContent: "space-between", alignItems: "center" }]}>
        <Text style={{ fontSize: 11, fontWeight: 700 }}>{risk.title}</Text>
        {risk.notAssessable ? null : (
          <View style={[s.row, { alignItems: "center" }]}>
            <Text style={{ fontSize: 11, fontWeight: 700, marginRight: 6 }}>{risk.scoreLabel}</Text>
            <Text style={[s.pill, { color: tone.fg, backgroundColor: tone.bg }]}>{risk.levelLabel}</Text>
          </View>
        )}
      </View>
      {risk.notAssessable ? <Text style={[s.muted, { marginTop: 3 }]}>{risk.notAssessable}</Text> : null}
      {risk.explanation.map((e, i) => (
        <Text key={i} style={{ marginTop: 3 }}>
          {e}
        </Text>
      ))}
      {risk.factors.length ? (
        <View style={{ marginTop: 6 }}>
          <Text style={[s.small, s.muted, { marginBottom: 2 }]}>{L.factors}</Text>
          {risk.factors.map((f, i) => (
            <View key={i} style={[s.row, { alignItems: "center", marginBottom: 2 }]}>
              <Text style={{ width: 170, fontSize: 8.5 }}>{f.label}</Text>
              <View style={{ flexGrow: 1, height: 5, backgroundColor: SOFT, borderRadius: 2.5, marginRight: 6 }}>
                <View style={{ width: `${Math.max(3, Math.round(f.share * 100))}%`, height: 5, backgroundColor: tone.bar, borderRadius: 2.5 }} />
              </View>
              <Text style={{ width: 44, fontSize: 8, color: MUTED, textAlign: "right" }}>{f.weightLabel}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {risk.recommendations.length ? (
        <View style={{ marginTop: 5 }}>
          <Text style={[s.small, s.muted]}>{L.recommendations}</Text>
          {risk.recommendations.map((r, i) => (
            <Text key={i} style={{ fontSize: 8.5 }}>
              · {r}
            </Text>
          ))}
        </View>
      ) : null}
      <Text style={[s.small, s.muted, { marginTop: 5, fontSize: 7 }]}>
        {L.model}: {risk.model}
      </Text>
    </View>
  );
}

function Plan({ data }: { data: ReportData }) {
  const plan = data.plan!;
  const L = data.labels;
  return (
    <View>
      <Text style={{ fontSize: 10.5, fontWeight: 700, marginBottom: 6 }}>{plan.title}</Text>
      {plan.goals.map((g, i) => {
        const tone = TONE[g.tone];
        return (
          <View key={i} wrap={false} style={s.card}>
            <View style={[s.row, { justifyContent: "space-between" }]}>
              <Text style={{ fontWeight: 700 }}>{g.title}</Text>
              <Text style={[s.pill, { color: tone.fg, backgroundColor: tone.bg }]}>{g.statusLabel}</Text>
            </View>
            <Text style={[s.small, s.muted, { marginTop: 2 }]}>
              {L.target}: {g.target} · {L.due}: {g.due} · {L.latest}: {g.latest}
            </Text>
            <View style={{ height: 5, backgroundColor: SOFT, borderRadius: 2.5, marginTop: 5 }}>
              <View style={{ width: `${Math.max(2, Math.round(g.progress * 100))}%`, height: 5, backgroundColor: tone.bar, borderRadius: 2.5 }} />
            </View>
          </View>
        );
      })}
      {plan.tasks.length ? (
        <View style={{ marginTop: 4 }}>
          <Text style={[s.small, s.muted, { marginBottom: 2 }]}>{L.tasks}</Text>
          {plan.tasks.map((t, i) => (
            <View key={i} style={[s.row, { paddingVertical: 3, borderBottomWidth: 0.5, borderBottomColor: LINE }]}>
              <Text style={{ flexGrow: 1, flexBasis: 0 }}>{t.title}</Text>
              <Text style={{ width: 160, color: MUTED, textAlign: "right" }}>{t.schedule}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

const ARROW = { up: "↑", down: "↓", same: "→" } as const;

function StageSummary({ data }: { data: ReportData }) {
  const sm = data.summary!;
  return (
    <View>
      <Text style={[s.small, s.muted, { marginBottom: 4 }]}>{sm.period}</Text>
      {sm.stats.length ? (
        <View style={[s.row, { marginBottom: 8 }]}>
          {sm.stats.map((st) => (
            <View key={st.label} style={{ flexGrow: 1, flexBasis: 0, backgroundColor: SOFT, borderRadius: 6, padding: 8, marginRight: 6 }}>
              <Text style={[s.small, s.muted]}>{st.label}</Text>
              <Text style={{ fontSize: 13, fontWeight: 700 }}>{st.value}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {sm.changes.map((c, i) => (
        <View key={i} style={[s.row, { paddingVertical: 3, borderBottomWidth: 0.5, borderBottomColor: LINE }]}>
          <Text style={{ width: "40%" }}>{c.name}</Text>
          <Text style={{ width: "25%", color: MUTED }}>{c.from}</Text>
          <Text style={{ width: "10%", color: TONE[c.tone].fg, fontWeight: 700 }}>{ARROW[c.direction]}</Text>
          <Text style={{ width: "25%", fontWeight: 700 }}>{c.to}</Text>
        </View>
      ))}
      {sm.body ? <Text style={{ marginTop: 8 }}>{sm.body}</Text> : null}
    </View>
  );
}

function Conclusion({ data }: { data: ReportData }) {
  const c = data.conclusion!;
  return (
    <View wrap={false} style={[s.card, { backgroundColor: SOFT }]}>
      <Text style={{ fontSize: 10 }}>{c.text}</Text>
      <View style={[s.row, { justifyContent: "flex-end", marginTop: 10 }]}>
        <Text style={s.muted}>
          {data.labels.doctor}: {c.doctor} · {c.date}
        </Text>
      </View>
    </View>
  );
}
