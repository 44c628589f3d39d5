"use client";

import { Building2, ChevronsUpDown } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "@/app/_components/ui/dropdown-menu";

export interface SwitchableTenant {
  slug: string;
  name: string;
  nameEn: string | null;
  role: string;
}

/** Only the caller's own tenants (account.myTenants); choosing one opens /h/<slug>. */
export function TenantSwitcher({ current, tenants }: { current: { slug: string; name: string; nameEn: string | null }; tenants: SwitchableTenant[] }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const label = (x: { name: string; nameEn: string | null }) => (locale === "en" && x.nameEn ? x.nameEn : x.name);
  const currentName = label(current);
  const list = tenants.some((x) => x.slug === current.slug) ? tenants : [{ ...current, role: "" }, ...tenants];

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="inline-flex h-10 max-w-full min-w-0 items-center gap-2 rounded-md border border-slate-200 bg-white px-2.5 text-sm text-slate-900 hover:bg-slate-50"
        aria-label={`${t("switchTenant")} — ${t("currentTenant", { name: currentName })}`}
      >
        <Building2 aria-hidden className="size-4 shrink-0 text-primary-700" />
        <span className="min-w-0 truncate font-medium">{currentName}</span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-slate-500" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>{t("yourTenants")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={current.slug} onValueChange={(slug) => slug !== current.slug && router.push(`/h/${slug}`)}>
          {list.map((x) => (
            <DropdownMenuRadioItem key={x.slug} value={x.slug}>
              <span className="min-w-0 flex-1">
                <span className="block truncate">{label(x)}</span>
                {x.role ? <span className="block text-xs text-slate-500">{t(`roles.${x.role}` as "roles.doctor")}</span> : null}
              </span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
