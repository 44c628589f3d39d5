import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

/** Every label arrives through props: the template is presentation only (texts: messages/<locale>/emails.json). */
export interface ReminderEmailProps {
  lang: "zh-CN" | "en";
  hospital: string;
  subject: string;
  greeting: string;
  body: string;
  noteLabel: string;
  note: string | null;
  link: { label: string; url: string } | null;
  closing: string;
  whyReceived: string;
  optOut: { question: string; label: string; url: string };
}

const font = '"PingFang SC", "Microsoft YaHei", "Noto Sans SC", system-ui, sans-serif';

export function ReminderEmail(p: ReminderEmailProps) {
  return (
    <Html lang={p.lang}>
      <Head />
      <Preview>{p.body}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: font, margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, padding: "24px 32px" }}>
          <Text style={{ color: "#0f766e", fontSize: 14, fontWeight: 600, margin: 0 }}>{p.hospital}</Text>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 20, margin: "12px 0" }}>
            {p.subject}
          </Heading>
          <Text style={{ color: "#334155", fontSize: 15 }}>{p.greeting}</Text>
          <Text style={{ color: "#0f172a", fontSize: 15, lineHeight: "24px" }}>{p.body}</Text>
          {p.note ? (
            <Section style={{ backgroundColor: "#f8fafc", borderLeft: "3px solid #14b8a6", padding: "8px 12px" }}>
              <Text style={{ color: "#334155", fontSize: 14, margin: 0 }}>
                {p.noteLabel}: {p.note}
              </Text>
            </Section>
          ) : null}
          {p.link ? (
            <Button href={p.link.url} style={{ backgroundColor: "#0f766e", borderRadius: 6, color: "#ffffff", fontSize: 15, marginTop: 16, padding: "10px 18px" }}>
              {p.link.label}
            </Button>
          ) : null}
          <Text style={{ color: "#334155", fontSize: 14, marginTop: 20 }}>{p.closing}</Text>
          <Hr style={{ borderColor: "#e2e8f0", margin: "20px 0" }} />
          <Text style={{ color: "#64748b", fontSize: 12, margin: 0 }}>{p.whyReceived}</Text>
          <Text style={{ color: "#64748b", fontSize: 12 }}>
            {p.optOut.question}{" "}
            <Link href={p.optOut.url} style={{ color: "#0f766e" }}>
              {p.optOut.label}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

ReminderEmail.PreviewProps = {
  lang: "zh-CN",
  hospital: "康程示范医院",
  subject: "【康程示范医院】复查提醒",
  greeting: "您好：",
  body: "请于 2026年12月5日 09:30 到康程示范医院复查。",
  noteLabel: "备注",
  note: "请空腹前来。",
  link: null,
  closing: "如有疑问，请联系康程示范医院。",
  whyReceived: "您收到这封邮件，是因为您同意了康程示范医院向您发送健康服务提醒。",
  optOut: { question: "不想再收到此类消息？", label: "退订", url: "https://example.org/opt-out/preview" },
} satisfies ReminderEmailProps;

export default ReminderEmail;
