import { Line, Polyline, Rect, Circle, Svg, Text, View } from "@react-pdf/renderer";
import type { ReportTrend } from "./report-data";
import { INK, LINE, MUTED, s } from "./styles";

const W = 240;
const H = 96;
const PAD = { l: 30, r: 8, t: 8, b: 14 };

function niceRange(values: number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  return [lo - span * 0.15, hi + span * 0.15];
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** A vector line chart (crisp at any print resolution): reference band, line, points, y-axis ticks. */
export function TrendChart({ trend, accent }: { trend: ReportTrend; accent: string }) {
  const ys = trend.points.map((p) => p.y);
  const [y0, y1] = niceRange([...ys, ...(trend.refLow !== undefined ? [trend.refLow] : []), ...(trend.refHigh !== undefined ? [trend.refHigh] : [])]);
  const xs = trend.points.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs) === x0 ? x0 + 1 : Math.max(...xs);
  const px = (x: number) => PAD.l + ((x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const py = (y: number) => PAD.t + (1 - (y - y0) / (y1 - y0)) * (H - PAD.t - PAD.b);
  const ticks = [y0 + (y1 - y0) * 0.1, (y0 + y1) / 2, y1 - (y1 - y0) * 0.1];
  const band = trend.refLow !== undefined || trend.refHigh !== undefined ? { top: py(Math.min(trend.refHigh ?? y1, y1)), bottom: py(Math.max(trend.refLow ?? y0, y0)) } : null;
  const points = trend.points.map((p) => `${px(p.x).toFixed(2)},${py(p.y).toFixed(2)}`).join(" ");
  return (
    <View wrap={false} style={{ width: W, marginBottom: 12 }}>
      <View style={[s.row, { justifyContent: "space-between", alignItems: "flex-end", marginBottom: 2 }]}>
        <Text style={{ fontSize: 9, fontWeight: 700 }}>
          {trend.title} <Text style={[s.muted, { fontWeight: 400, fontSize: 7.5 }]}>{trend.unit}</Text>
        </Text>
        <Text style={{ fontSize: 8, color: INK }}>{trend.latestLabel}</Text>
      </View>
      <Svg width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
        <Rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={H - PAD.t - PAD.b} fill="#fbfdfd" />
        {band ? <Rect x={PAD.l} y={band.top} width={W - PAD.l - PAD.r} height={Math.max(0, band.bottom - band.top)} fill="#dcfce7" fillOpacity={0.7} /> : null}
        {ticks.map((t) => (
          <Line key={t} x1={PAD.l} x2={W - PAD.r} y1={py(t)} y2={py(t)} stroke={LINE} strokeWidth={0.5} />
        ))}
        {ticks.map((t) => (
          <Text key={`l${t}`} x={PAD.l - 3} y={py(t) + 2.5} style={{ fontSize: 6.5, fill: MUTED }} textAnchor="end">
            {fmt(t)}
          </Text>
        ))}
        <Polyline points={points} stroke={accent} strokeWidth={1.4} fill="none" strokeLinejoin="round" />
        {trend.points.map((p, i) => (
          <Circle key={i} cx={px(p.x)} cy={py(p.y)} r={trend.points.length > 40 ? 0.9 : 1.8} fill="#ffffff" stroke={accent} strokeWidth={0.9} />
        ))}
        <Text x={PAD.l} y={H - 3} style={{ fontSize: 6.5, fill: MUTED }}>
          {trend.fromLabel}
        </Text>
        <Text x={W - PAD.r} y={H - 3} style={{ fontSize: 6.5, fill: MUTED }} textAnchor="end">
          {trend.toLabel}
        </Text>
      </Svg>
    </View>
  );
}
