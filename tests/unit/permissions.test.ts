import { describe, expect, it } from "vitest";
import {
  isPlatformPermission,
  isTenantPermission,
  isTenantRole,
  operatorCan,
  PLATFORM_OPERATOR_PERMISSIONS,
  PLATFORM_PERMISSIONS,
  ROLE_PERMISSIONS,
  roleCan,
  SELF_PERMISSION,
  TENANT_PERMISSIONS,
  TENANT_ROLES,
  type TenantPermission,
} from "@/server/shared/permissions";

const PATIENT_DATA = TENANT_PERMISSIONS.filter((p) => /^(patient|record|results|abnormal|followup|risk|advice|plan|summary|report)\./.test(p));

describe("permission registry", () => {
  it("names every permission resource.action, once, in exactly one scope", () => {
    const all = [...TENANT_PERMISSIONS, ...PLATFORM_PERMISSIONS, SELF_PERMISSION];
    expect(new Set(all).size).toBe(all.length);
    for (const p of all) expect(p).toMatch(/^[a-z]+(\.[a-z_]+)+$/);
    for (const p of TENANT_PERMISSIONS) expect([isTenantPermission(p), isPlatformPermission(p)]).toEqual([true, false]);
    for (const p of PLATFORM_PERMISSIONS) expect([isTenantPermission(p), isPlatformPermission(p)]).toEqual([false, true]);
    expect([isTenantPermission(SELF_PERMISSION), isPlatformPermission(SELF_PERMISSION)]).toEqual([false, false]);
  });

  it("maps exactly the tenant roles, each to known tenant permissions without repeats", () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...TENANT_ROLES].sort());
    for (const role of TENANT_ROLES) {
      const granted = ROLE_PERMISSIONS[role] as readonly string[];
      expect(new Set(granted).size).toBe(granted.length);
      for (const p of granted) expect([role, p, (TENANT_PERMISSIONS as readonly string[]).includes(p)]).toEqual([role, p, true]);
    }
  });

  it("denies everything the map does not grant", () => {
    for (const role of TENANT_ROLES) {
      for (const p of TENANT_PERMISSIONS) {
        expect([role, p, roleCan(role, p)]).toEqual([role, p, (ROLE_PERMISSIONS[role] as readonly TenantPermission[]).includes(p)]);
      }
    }
    for (const p of PLATFORM_PERMISSIONS) expect(operatorCan(p)).toBe((PLATFORM_OPERATOR_PERMISSIONS as readonly string[]).includes(p));
  });

  it("recognises tenant roles strictly", () => {
    for (const role of TENANT_ROLES) expect(isTenantRole(role)).toBe(true);
    for (const value of ["platform_operator", "Tenant_Admin", "admin", "", null, 1, {}]) expect(isTenantRole(value)).toBe(false);
  });
});

describe("least privilege", () => {
  it("no role holds every tenant permission", () => {
    for (const role of TENANT_ROLES) expect(ROLE_PERMISSIONS[role].length).toBeLessThan(TENANT_PERMISSIONS.length);
  });

  it("platform operators hold only platform permissions: no tenant or patient data", () => {
    for (const p of PLATFORM_OPERATOR_PERMISSIONS) expect(isPlatformPermission(p)).toBe(true);
  });

  it("researchers and auditors get no identified patient data", () => {
    for (const role of ["researcher", "auditor"] as const) {
      expect(PATIENT_DATA.filter((p) => roleCan(role, p))).toEqual([]);
    }
  });

  it("only clinical and case-management roles may unmask identifiers", () => {
    expect(TENANT_ROLES.filter((r) => roleCan(r, "patient.unmask")).sort()).toEqual(["doctor", "health_manager"]);
  });
});
