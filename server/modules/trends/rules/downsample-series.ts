import { createLTTB } from "downsample";

/** No chart series ships more points than this. */
export const MAX_POINTS_PER_SERIES = 1000;

export interface SeriesPoint {
  /** Epoch milliseconds of the observation. */
  t: number;
  value: number;
  abnormal: boolean;
}

const lttb = createLTTB<SeriesPoint>({ x: (p) => p.t, y: (p) => p.value });

/**
 * At most `max` points, visually faithful (Largest-Triangle-Three-Buckets) and keeping every
 * abnormal point: LTTB picks `max − abnormal` points from the whole series, then the abnormal ones
 * are added back. Only when a series has more abnormal points than `max` are those thinned too.
 * Input must be sorted by time; output is sorted by time.
 */
export function downsampleKeepingAbnormal(points: SeriesPoint[], max = MAX_POINTS_PER_SERIES): SeriesPoint[] {
  if (points.length <= max) return points;
  const abnormal = points.filter((p) => p.abnormal);
  if (abnormal.length >= max) return Array.from(lttb(abnormal, max) as ArrayLike<SeriesPoint>);
  const budget = Math.max(2, max - abnormal.length);
  const picked = new Set<SeriesPoint>(Array.from(lttb(points, budget) as ArrayLike<SeriesPoint>));
  for (const p of abnormal) picked.add(p);
  // The LTTB budget may include some abnormal points already: fill up to `max` is not needed, the
  // union is ≤ budget + abnormal = max. Keep original order.
  return points.filter((p) => picked.has(p));
}
