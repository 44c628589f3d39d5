import { accountRouter } from "./routers/account/account.router";
import { auditRouter } from "./routers/audit/audit.router";
import { dashboardRouter } from "./routers/dashboard/dashboard.router";
import { departmentRouter } from "./routers/department/department.router";
import { platformTenantsRouter } from "./routers/platform/tenants.router";
import { staffRouter } from "./routers/staff/staff.router";
import { tenantRouter } from "./routers/tenant/tenant.router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  tenant: tenantRouter,
  department: departmentRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
  staff: staffRouter,
  platform: createTRPCRouter({ tenants: platformTenantsRouter }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
