import { Siren, Stethoscope } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";

/** Class A (危急, red, siren) or B (待复查, amber, stethoscope): colour plus icon plus word. */
export function AbnormalClassBadge({ cls }: { cls: "A" | "B" }) {
  const t = useTranslations("abnormal");
  const Icon = cls === "A" ? Siren : Stethoscope;
  return (
    <Badge tone={cls === "A" ? "critical" : "attention"}>
      <Icon aria-hidden className="size-3.5" />
      {t(`class.${cls}`)}
    </Badge>
  );
}
