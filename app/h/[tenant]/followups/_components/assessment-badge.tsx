"use client";

import { CircleAlert, CircleCheck, Siren } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";

const TONE = { controlled: "ok", uncontrolled: "attention", emergency: "critical" } as const;
const ICON = { controlled: CircleCheck, uncontrolled: CircleAlert, emergency: Siren } as const;

/** The guideline's assessment of a visit: word + icon + colour. */
export function AssessmentBadge({ assessment }: { assessment: string }) {
  const t = useTranslations("followups");
  if (!(assessment in TONE)) return null;
  const a = assessment as keyof typeof TONE;
  const Icon = ICON[a];
  return (
    <Badge tone={TONE[a]} data-testid="assessment">
      <Icon aria-hidden className="size-3.5" />
      {t(`record.assessment.${a}`)}
    </Badge>
  );
}
