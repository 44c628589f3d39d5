import type { ReportData, ReportLabels, ReportResultRow } from "@/server/pdf/templates/health-report/report-data";
import zh from "@/messages/zh-CN/report.json";
import en from "@/messages/en/report.json";

/**
 * A synthetic, fully populated report for the renderer's benchmark and visual checks: `resultRows`
 * and `trendCount` scale the page count (about 34 result rows or 10 trend charts per page).
 */
export function sampleReport({ resultRows = 40, trendCount = 6, locale = "zh-CN" as "zh-CN" | "en" } = {}): ReportData {
  const L = (locale === "zh-CN" ? zh : en).pdf as unknown as ReportLabels;
  const names = ["收缩压", "舒张压", "空腹血糖", "糖化血红蛋白", "总胆固醇", "甘油三酯", "高密度脂蛋白胆固醇", "低密度脂蛋白胆固醇", "谷丙转氨酶", "肌酐", "尿酸", "血红蛋白"];
  const row = (i: number): ReportResultRow => {
    const abnormal = i % 5 === 0;
    return { name: `${names[i % names.length]} ${Math.floor(i / names.length) || ""}`.trim(), value: (5 + (i % 7) * 0.7).toFixed(2), unit: "mmol/L", range: "3.9–6.1", flag: abnormal ? "high" : "normal", flagLabel: abnormal ? "↑ 偏高" : "正常", date: "2026-11-20" };
  };
  const rows = Array.from({ length: resultRows }, (_, i) => row(i));
  const groups = [];
  for (let i = 0; i < rows.length; i += 20) groups.push({ group: `检验组 ${i / 20 + 1}`, rows: rows.slice(i, i + 20) });
  const day = 86_400_000;
  const start = Date.UTC(2025, 0, 1);
  return {
    locale,
    labels: L,
    tenant: { name: "康程示范健康管理中心", accent: "#0f766e" },
    patient: {
      name: "张三",
      sexAge: "男 · 56岁",
      cardNo: "VIP****1234",
      birthDate: "1970-03-05",
      manager: "李健康",
      facts: [
        { label: "血压", value: "148/94 mmHg" },
        { label: "BMI", value: "27.3 kg/m²" },
        { label: "腰围", value: "96 cm" },
        { label: "吸烟", value: "是" },
      ],
    },
    generatedAt: "2026-11-29 10:00",
    period: "2025-11-29 – 2026-11-29",
    abnormal: rows.filter((r) => r.flag !== "normal").slice(0, 6),
    results: groups,
    trends: Array.from({ length: trendCount }, (_, k) => ({
      title: names[k % names.length]!,
      unit: "mmol/L",
      points: Array.from({ length: 12 }, (_, i) => ({ x: start + i * 30 * day, y: 5 + Math.sin(i / 2 + k) * 0.8 + i * 0.05 })),
      refLow: 3.9,
      refHigh: 6.1,
      fromLabel: "2025-01",
      toLabel: "2025-12",
      latestLabel: "5.61",
    })),
    risks: [
      {
        title: "10年心血管病风险",
        scoreLabel: "29.4%",
        levelLabel: "高危",
        severity: 2,
        factors: [
          { label: "年龄 55 岁", weightLabel: "+1.86", share: 1 },
          { label: "收缩压 145 mmHg", weightLabel: "+0.54", share: 0.29 },
          { label: "吸烟", weightLabel: "+0.65", share: 0.35 },
        ],
        explanation: ["10年心血管病风险 29.4%（<5% 低危，5%–9.9% 中危，≥10% 高危）。"],
        recommendations: ["戒烟", "控制血压"],
        model: "Framingham 2008",
      },
    ],
    advice: [{ category: "饮食", title: "低盐饮食", body: "每日食盐不超过5克，少吃腌制食品，烹调时使用限盐勺。" }],
    plan: {
      title: "高血压强化管理",
      goals: [{ title: "收缩压 < 130 mmHg", target: "< 130 mmHg", due: "2027-02-28", latest: "138 mmHg", progress: 0.6, statusLabel: "按计划", tone: 0 }],
      tasks: [{ title: "家庭自测血压", schedule: "每日早晚各一次" }],
    },
    summary: { period: "2026-08-01 – 2026-11-29", body: "本阶段血压较前下降，体重减轻2公斤。", changes: [{ name: "收缩压", from: "152 mmHg", to: "138 mmHg", direction: "down", tone: 0 }], stats: [{ label: "达成目标", value: "1/2" }] },
    conclusion: { text: "血压控制欠佳，建议继续低盐饮食并规律服药，三个月后复查。", doctor: "王医生", date: "2026-11-29" },
  };
}
