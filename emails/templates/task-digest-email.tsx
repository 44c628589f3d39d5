import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

/** The afternoon digest for staff: counts only — no patient names or results leave the app by mail. */
export interface TaskDigestEmailProps {
  lang: "zh-CN" | "en";
  hospital: string;
  subject: string;
  greeting: string;
  intro: string;
  lines: { label: string; count: number; emphasis?: boolean }[];
  byKindTitle: string;
  byKind: { label: string; count: number }[];
  action: { label: string; url: string };
  footer: string;
}

const font = '"PingFang SC", "Microsoft YaHei", "Noto Sans SC", system-ui, sans-serif';

export function TaskDigestEmail(p: TaskDigestEmailProps) {
  return (
    <Html lang={p.lang}>
      <Head />
      <Preview>{p.intro}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: font, margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, padding: "24px 32px" }}>
          <Text style={{ color: "#0f766e", fontSize: 14, fontWeight: 600, margin: 0 }}>{p.hospital}</Text>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 20, margin: "12px 0" }}>
            {p.subject}
          </Heading>
          <Text style={{ color: "#334155", fontSize: 15 }}>{p.greeting}</Text>
          <Text style={{ color: "#0f172a", fontSize: 15, lineHeight: "24px" }}>{p.intro}</Text>
          <Section style={{ backgroundColor: "#f8fafc", borderLeft: "3px solid #14b8a6", padding: "8px 12px" }}>
            {p.lines.map((l) => (
              <Text key={l.label} style={{ color: l.emphasis ? "#b91c1c" : "#0f172a", fontSize: 15, fontWeight: l.emphasis ? 600 : 400, margin: "4px 0" }}>
                {l.label}: {l.count}
              </Text>
            ))}
          </Section>
          {p.byKind.length ? (
            <>
              <Text style={{ color: "#334155", fontSize: 14, fontWeight: 600, marginTop: 16 }}>{p.byKindTitle}</Text>
              {p.byKind.map((k) => (
                <Text key={k.label} style={{ color: "#334155", fontSize: 14, margin: "2px 0" }}>
                  · {k.label}: {k.count}
                </Text>
              ))}
            </>
          ) : null}
          <Button href={p.action.url} style={{ backgroundColor: "#0f766e", borderRadius: 6, color: "#ffffff", fontSize: 15, marginTop: 16, padding: "10px 18px" }}>
            {p.action.label}
          </Button>
          <Hr style={{ borderColor: "#e2e8f0", margin: "20px 0" }} />
          <Text style={{ color: "#64748b", fontSize: 12, margin: 0 }}>{p.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

TaskDigestEmail.PreviewProps = {
  lang: "zh-CN",
  hospital: "康程示范医院",
  subject: "【康程示范医院】今日未完成随访任务 7 项",
  greeting: "王健康 您好：",
  intro: "截至今天 16:00，您还有 7 项随访任务未完成。",
  lines: [
    { label: "已逾期", count: 3, emphasis: true },
    { label: "今日到期", count: 4 },
    { label: "上报给您的逾期任务", count: 1, emphasis: true },
  ],
  byKindTitle: "按类型",
  byKind: [
    { label: "常规随访（3 个月）", count: 4 },
    { label: "2 周复查", count: 3 },
  ],
  action: { label: "打开随访工作台", url: "https://example.org/h/demo/followups" },
  footer: "这是康程每日自动发送的工作提醒，邮件中不含客户信息。",
} satisfies TaskDigestEmailProps;

export default TaskDigestEmail;
