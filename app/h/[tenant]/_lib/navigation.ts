import type { TenantPermission } from "@/server/shared/permissions";

export type NavKey = "dashboard" | "patients" | "followups" | "results" | "forms" | "rules" | "privacy" | "research" | "settings";

interface NavEntry {
  key: NavKey;
  segment: string;
  group: "work" | "governance";
  /** Shown when the role holds any one of these. */
  anyOf: TenantPermission[];
}

/** Areas of the staff product (DESIGN.md §1/§4) and the permissions that open them. */
export const NAV_ENTRIES: NavEntry[] = [
  { key: "dashboard", segment: "", group: "work", anyOf: ["tenant.read"] },
  { key: "patients", segment: "patients", group: "work", anyOf: ["patient.read"] },
  { key: "followups", segment: "followups", group: "work", anyOf: ["followup.read"] },
  { key: "results", segment: "results", group: "work", anyOf: ["results.read"] },
  { key: "forms", segment: "forms", group: "work", anyOf: ["forms.read", "forms.manage"] },
  { key: "rules", segment: "rules", group: "governance", anyOf: ["rules.manage"] },
  { key: "privacy", segment: "privacy", group: "governance", anyOf: ["audit.read", "privacy.manage"] },
  { key: "research", segment: "research", group: "governance", anyOf: ["research.export"] },
  { key: "settings", segment: "settings", group: "governance", anyOf: ["settings.manage", "staff.read", "department.manage"] },
];

export function navEntryAllowed(key: NavKey, permissions: readonly string[]): boolean {
  const entry = NAV_ENTRIES.find((e) => e.key === key);
  return !!entry && entry.anyOf.some((p) => permissions.includes(p));
}

export function visibleNav(permissions: readonly string[]) {
  return NAV_ENTRIES.filter((e) => e.anyOf.some((p) => permissions.includes(p)));
}
