import type { TenantRole } from "@/server/shared/permissions";

export interface DemoTenant {
  slug: string;
  name: string;
  nameEn: string;
  departments: { name: string; nameEn: string }[];
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: "demo",
    name: "示范健康管理中心",
    nameEn: "Demo Health Management Centre",
    departments: [
      { name: "健康管理科", nameEn: "Health Management" },
      { name: "体检中心", nameEn: "Health Check Centre" },
      { name: "心内科", nameEn: "Cardiology" },
    ],
  },
  {
    slug: "riverside",
    name: "滨江体检中心",
    nameEn: "Riverside Health Check Centre",
    departments: [
      { name: "体检科", nameEn: "Health Checks" },
      { name: "慢病管理科", nameEn: "Chronic Disease Management" },
    ],
  },
];

export interface DemoAccount {
  email: string;
  displayName: string;
  memberships: { tenant: string; role: TenantRole }[];
  isPlatformOperator?: boolean;
  /** Left un-enrolled so the demo can show MFA enrolment at first sign-in. */
  enrolled: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.carepath.local", displayName: "王敏（机构管理员）", memberships: [{ tenant: "demo", role: "tenant_admin" }], enrolled: true },
  {
    email: "manager@demo.carepath.local",
    displayName: "李静（健康管理师）",
    memberships: [
      { tenant: "demo", role: "health_manager" },
      { tenant: "riverside", role: "health_manager" },
    ],
    enrolled: true,
  },
  { email: "doctor@demo.carepath.local", displayName: "张伟（医生）", memberships: [{ tenant: "demo", role: "doctor" }], enrolled: true },
  { email: "nurse@demo.carepath.local", displayName: "刘芳（护士）", memberships: [{ tenant: "demo", role: "nurse" }], enrolled: true },
  { email: "service@demo.carepath.local", displayName: "陈晨（客服）", memberships: [{ tenant: "demo", role: "customer_service" }], enrolled: true },
  { email: "auditor@demo.carepath.local", displayName: "赵磊（审计员）", memberships: [{ tenant: "demo", role: "auditor" }], enrolled: true },
  { email: "researcher@demo.carepath.local", displayName: "孙悦（科研人员）", memberships: [{ tenant: "demo", role: "researcher" }], enrolled: true },
  { email: "newstaff@demo.carepath.local", displayName: "周新（新员工）", memberships: [{ tenant: "demo", role: "nurse" }], enrolled: false },
  { email: "operator@carepath.local", displayName: "平台运营", memberships: [], isPlatformOperator: true, enrolled: true },
];
