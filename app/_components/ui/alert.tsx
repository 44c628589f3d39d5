import { AlertTriangle, CheckCircle2, Info } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

const styles = {
  error: { box: "border-red-200 bg-red-50 text-red-800", Icon: AlertTriangle },
  success: { box: "border-green-200 bg-green-50 text-green-800", Icon: CheckCircle2 },
  info: { box: "border-sky-200 bg-sky-50 text-sky-900", Icon: Info },
} as const;

/** Status message with an icon (colour is never the only signal). Errors are announced to screen readers. */
export function Alert({ tone = "info", children, className }: { tone?: keyof typeof styles; children: ReactNode; className?: string }) {
  const { box, Icon } = styles[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("flex items-start gap-2 rounded-md border px-3 py-2 text-sm", box, className)}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
