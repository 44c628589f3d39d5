import { AlertTriangle, Ban, CheckCircle2 } from "lucide-react";
import { Badge } from "@/app/_components/ui/badge";

const map = {
  success: { tone: "ok", Icon: CheckCircle2 },
  denied: { tone: "critical", Icon: Ban },
  failure: { tone: "attention", Icon: AlertTriangle },
} as const;

/** Audit outcome with icon + text (never colour alone). */
export function OutcomeBadge({ outcome, label }: { outcome: "success" | "denied" | "failure"; label: string }) {
  const { tone, Icon } = map[outcome];
  return (
    <Badge tone={tone}>
      <Icon aria-hidden className="size-3" />
      {label}
    </Badge>
  );
}
