/**
 * Everything the printed health report shows, already localised and formatted: the template is
 * presentation only (no clock, no database, no translation lookups), so it renders the same in a
 * request, a worker thread, a background job and the CLI.
 */

export type Flag = "normal" | "high" | "low" | "critical_high" | "critical_low" | "abnormal";
export type Tone = 0 | 1 | 2 | 3;

export interface ReportResultRow {
  name: string;
  value: string;
  unit: string;
  range: string;
  flag: Flag;
  flagLabel: string;
  date: string;
}

export interface ReportTrend {
  title: string;
  unit: string;
  /** x in ms since epoch; the template scales them. */
  points: { x: number; y: number }[];
  refLow?: number;
  refHigh?: number;
  /** Formatted first and last dates for the axis. */
  fromLabel: string;
  toLabel: string;
  latestLabel: string;
}

export interface ReportRisk {
  title: string;
  scoreLabel: string;
  levelLabel: string;
  severity: Tone;
  /** Largest first; weight relative to the largest (0–1) drives the bar length. */
  factors: { label: string; weightLabel: string; share: number }[];
  explanation: string[];
  recommendations: string[];
  model: string;
  notAssessable?: string;
}

export interface ReportAdvice {
  category: string;
  title: string;
  body: string;
}

export interface ReportGoal {
  title: string;
  target: string;
  due: string;
  latest: string;
  progress: number;
  statusLabel: string;
  tone: Tone;
}

export interface ReportIndicatorChange {
  name: string;
  from: string;
  to: string;
  direction: "up" | "down" | "same";
  tone: Tone;
}

export interface ReportData {
  locale: "zh-CN" | "en";
  labels: ReportLabels;
  tenant: { name: string; accent: string; logoDataUrl?: string };
  patient: { name: string; sexAge: string; cardNo: string; birthDate: string; manager: string; facts: { label: string; value: string }[] };
  generatedAt: string;
  period: string;
  abnormal: ReportResultRow[];
  results: { group: string; rows: ReportResultRow[] }[];
  trends: ReportTrend[];
  risks: ReportRisk[];
  advice: ReportAdvice[];
  plan: { title: string; goals: ReportGoal[]; tasks: { title: string; schedule: string }[] } | null;
  summary: { period: string; body: string; changes: ReportIndicatorChange[]; stats: { label: string; value: string }[] } | null;
  conclusion: { text: string; doctor: string; date: string } | null;
}

/** Every fixed string of the report (from messages/<locale>/report.json). */
export interface ReportLabels {
  title: string;
  subtitle: string;
  confidential: string;
  patient: string;
  cardNo: string;
  birthDate: string;
  manager: string;
  generatedAt: string;
  period: string;
  page: string;
  sections: {
    summary: string;
    abnormal: string;
    results: string;
    trends: string;
    risks: string;
    advice: string;
    plan: string;
    stageSummary: string;
    conclusion: string;
  };
  /** Secondary (other-language) section titles shown under the main ones. */
  sectionsAlt: ReportLabels["sections"];
  columns: { indicator: string; result: string; unit: string; range: string; flag: string; date: string };
  noAbnormal: string;
  noResults: string;
  noTrends: string;
  factors: string;
  recommendations: string;
  model: string;
  goal: string;
  target: string;
  due: string;
  latest: string;
  progress: string;
  tasks: string;
  change: string;
  doctor: string;
  signature: string;
  empty: string;
}
