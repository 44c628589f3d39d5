/**
 * The one place that says who may do what. Anything not granted here is denied.
 * Permissions are `resource.action`; a typo fails to compile.
 */

export const TENANT_PERMISSIONS = [
  "tenant.read",
  "staff.read",
  "staff.manage",
  "department.read",
  "department.manage",
  "audit.read",
  "patient.read",
  "patient.write",
  "patient.unmask",
  "patient.read_all",
  "patient.assign",
  "record.read",
  "record.write",
  "tag.manage",
  "tag.read_sensitive",
  "results.read",
  "results.import",
  "results.enter",
  "abnormal.read",
  "abnormal.resolve",
  "results.catalogue",
  "apikey.manage",
  "followup.read",
  "followup.write",
  "followup.templates",
  "followup.recording_play",
  "forms.read",
  "forms.manage",
  "forms.respond",
  "rules.manage",
  "risk.read",
  "advice.write",
  "advice.manage",
  "plan.write",
  "summary.write",
  "report.generate",
  "booking.manage",
  "settings.manage",
  "privacy.manage",
  "research.export",
  "reminder.read",
  "reminder.write",
  "consent.read",
  "consent.write",
  "jobs.manage",
  "messaging.read_outbox",
] as const;

export const PLATFORM_PERMISSIONS = ["platform.tenants.read", "platform.tenants.manage"] as const;

/** Granted to every signed-in account: its own profile, its own tenants, its own sessions. */
export const SELF_PERMISSION = "account.self" as const;

export type TenantPermission = (typeof TENANT_PERMISSIONS)[number];
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];
export type Permission = TenantPermission | PlatformPermission | typeof SELF_PERMISSION;

export const TENANT_ROLES = [
  "tenant_admin",
  "health_manager",
  "doctor",
  "nurse",
  "customer_service",
  "auditor",
  "researcher",
] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Not a tenant role: a flag on the account. Operators manage tenants and never see patient data. */
export const PLATFORM_OPERATOR = "platform_operator" as const;
export type Role = TenantRole | typeof PLATFORM_OPERATOR;

export const ROLE_PERMISSIONS = {
  tenant_admin: [
    "tenant.read",
    "staff.read",
    "staff.manage",
    "department.read",
    "department.manage",
    "audit.read",
    "patient.read",
    "patient.write",
    "patient.read_all",
    "patient.assign",
    "tag.manage",
    "results.read",
    "results.import",
    "results.catalogue",
    "apikey.manage",
    "followup.templates",
    "abnormal.read",
    "forms.read",
    "forms.manage",
    "rules.manage",
    "advice.manage",
    "booking.manage",
    "settings.manage",
    "reminder.read",
    "consent.read",
    "jobs.manage",
    "messaging.read_outbox",
  ],
  health_manager: [
    "tenant.read",
    "staff.read",
    "department.read",
    "patient.read",
    "patient.write",
    "patient.unmask",
    "record.read",
    "record.write",
    "tag.read_sensitive",
    "results.read",
    "results.enter",
    "abnormal.read",
    "abnormal.resolve",
    "followup.read",
    "followup.write",
    "followup.recording_play",
    "forms.read",
    "forms.respond",
    "risk.read",
    "advice.write",
    "advice.manage",
    "plan.write",
    "summary.write",
    "report.generate",
    "booking.manage",
    "reminder.read",
    "reminder.write",
    "consent.read",
    "consent.write",
  ],
  doctor: [
    "tenant.read",
    "staff.read",
    "department.read",
    "patient.read",
    "patient.read_all",
    "patient.unmask",
    "record.read",
    "record.write",
    "tag.read_sensitive",
    "results.read",
    "results.import",
    "results.enter",
    "abnormal.read",
    "abnormal.resolve",
    "followup.read",
    "forms.read",
    "forms.respond",
    "risk.read",
    "advice.write",
    "reminder.read",
    "consent.read",
    "plan.write",
    "summary.write",
    "report.generate",
  ],
  nurse: [
    "tenant.read",
    "department.read",
    "patient.read",
    "patient.read_all",
    "record.read",
    "record.write",
    "results.read",
    "results.enter",
    "abnormal.read",
    "abnormal.resolve",
    "followup.read",
    "followup.write",
    "forms.read",
    "forms.respond",
    "risk.read",
    "reminder.read",
    "reminder.write",
    "consent.read",
  ],
  customer_service: [
    "tenant.read",
    "department.read",
    "patient.read",
    "patient.write",
    "patient.read_all",
    "followup.read",
    "booking.manage",
    "reminder.read",
    "reminder.write",
    "consent.read",
    "consent.write",
  ],
  auditor: ["tenant.read", "staff.read", "department.read", "audit.read", "privacy.manage"],
  researcher: ["tenant.read", "research.export"],
} as const satisfies Record<TenantRole, readonly TenantPermission[]>;

export const PLATFORM_OPERATOR_PERMISSIONS = [
  "platform.tenants.read",
  "platform.tenants.manage",
] as const satisfies readonly PlatformPermission[];

export function isTenantRole(value: unknown): value is TenantRole {
  return typeof value === "string" && (TENANT_ROLES as readonly string[]).includes(value);
}

export function isTenantPermission(p: Permission): p is TenantPermission {
  return (TENANT_PERMISSIONS as readonly string[]).includes(p);
}

export function isPlatformPermission(p: Permission): p is PlatformPermission {
  return (PLATFORM_PERMISSIONS as readonly string[]).includes(p);
}

export function roleCan(role: TenantRole, permission: TenantPermission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly TenantPermission[]).includes(permission);
}

export function operatorCan(permission: PlatformPermission): boolean {
  return (PLATFORM_OPERATOR_PERMISSIONS as readonly PlatformPermission[]).includes(permission);
}
