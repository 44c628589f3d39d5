import { StyleSheet } from "@react-pdf/renderer";
import { REPORT_FONT } from "../../fonts";
import type { Flag, Tone } from "./report-data";

export const INK = "#0f172a";
export const MUTED = "#64748b";
export const LINE = "#e2e8f0";
export const SOFT = "#f8fafc";

/** Same semantics as the app: normal / attention / high / critical — always paired with text. */
export const TONE: Record<Tone, { fg: string; bg: string; bar: string }> = {
  0: { fg: "#166534", bg: "#dcfce7", bar: "#22c55e" },
  1: { fg: "#92400e", bg: "#fef3c7", bar: "#f59e0b" },
  2: { fg: "#9a3412", bg: "#ffedd5", bar: "#f97316" },
  3: { fg: "#991b1b", bg: "#fee2e2", bar: "#dc2626" },
};

export function flagTone(flag: Flag): Tone {
  if (flag === "critical_high" || flag === "critical_low") return 3;
  if (flag === "normal") return 0;
  return 2;
}

export const s = StyleSheet.create({
  page: { fontFamily: REPORT_FONT, fontSize: 9.5, color: INK, paddingTop: 46, paddingBottom: 54, paddingHorizontal: 44, lineHeight: 1.45 },
  header: { position: "absolute", top: 18, left: 44, right: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: MUTED, borderBottomWidth: 0.5, borderBottomColor: LINE, paddingBottom: 5 },
  footer: { position: "absolute", top: 806, left: 44, right: 44, fontSize: 7.5, color: MUTED },
  sectionTitle: { fontSize: 14, fontWeight: 700, lineHeight: 1.3 },
  sectionAlt: { fontSize: 8, color: MUTED, marginBottom: 8, letterSpacing: 0.3 },
  section: { marginBottom: 16 },
  card: { borderWidth: 0.75, borderColor: LINE, borderRadius: 6, padding: 10, marginBottom: 8 },
  row: { flexDirection: "row" },
  muted: { color: MUTED },
  small: { fontSize: 8 },
  pill: { fontSize: 7.5, fontWeight: 700, paddingVertical: 1, paddingHorizontal: 5, borderRadius: 7, lineHeight: 1.25 },
  th: { fontSize: 8, fontWeight: 700, color: MUTED, paddingVertical: 5, paddingHorizontal: 4 },
  td: { fontSize: 8.5, paddingVertical: 3.5, paddingHorizontal: 4, lineHeight: 1.3 },
});
