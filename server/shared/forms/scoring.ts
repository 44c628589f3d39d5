import type { TAnswers } from "./answers";
import { enabledItems } from "./answers";
import { flattenItems, type SEVERITIES, type TBand, type TFormDocument, type TText } from "./document";

export interface ComputedScore {
  id: string;
  title: TText;
  value: number;
  /** How many of the score's items were answered (a partly answered score is shown as such). */
  answered: number;
  of: number;
  band: { label: TText; severity: (typeof SEVERITIES)[number] } | null;
}

function points(itemType: string, options: { code: string; score?: number | undefined }[] | undefined, value: unknown): number | null {
  if (value === undefined) return null;
  if (itemType === "boolean") return value === true ? 1 : 0;
  if (typeof value === "number") return value;
  if (itemType === "choice" && typeof value === "string") return options?.find((o) => o.code === value)?.score ?? 0;
  if (itemType === "multiChoice" && Array.isArray(value)) return value.reduce((sum: number, code) => sum + (options?.find((o) => o.code === code)?.score ?? 0), 0);
  return null;
}

export function bandFor(bands: readonly TBand[], value: number): TBand | null {
  return bands.find((b) => value >= b.min && value <= b.max) ?? null;
}

/** Each score: the sum over its enabled, answered items, with the band it falls in. */
export function computeScores(doc: TFormDocument, answers: TAnswers): ComputedScore[] {
  const byId = new Map(flattenItems(doc.items).map((i) => [i.linkId, i]));
  const enabled = enabledItems(doc, answers);
  return doc.scores.map((score) => {
    let value = 0;
    let answered = 0;
    for (const linkId of score.items) {
      const item = byId.get(linkId);
      if (!item || !enabled.has(linkId)) continue;
      const p = points(item.type, item.options, answers[linkId]);
      if (p === null) continue;
      value += p;
      answered += 1;
    }
    const band = answered > 0 ? bandFor(score.bands, value) : null;
    return { id: score.id, title: score.title, value, answered, of: score.items.length, band: band ? { label: band.label, severity: band.severity } : null };
  });
}
