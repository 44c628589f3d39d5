import { abnormalRouter } from "./routers/abnormal/abnormal.router";
import { accountRouter } from "./routers/account/account.router";
import { measurementRouter } from "./routers/measurement/measurement.router";
import { trendsRouter } from "./routers/trends/trends.router";
import { apiKeyRouter } from "./routers/apikey/apikey.router";
import { auditRouter } from "./routers/audit/audit.router";
import { cardRouter } from "./routers/card/card.router";
import { formsRouter } from "./routers/forms/forms.router";
import { dashboardRouter } from "./routers/dashboard/dashboard.router";
import { departmentRouter } from "./routers/department/department.router";
import { followupRouter } from "./routers/followup/followup.router";
import { panelRouter } from "./routers/panel/panel.router";
import { patientRouter } from "./routers/patient/patient.router";
import { platformTenantsRouter } from "./routers/platform/tenants.router";
import { rulesRouter } from "./routers/rules/rules.router";
import { recordRouter } from "./routers/record/record.router";
import { resultsRouter } from "./routers/results/results.router";
import { staffRouter } from "./routers/staff/staff.router";
import { tagRouter } from "./routers/tag/tag.router";
import { tenantRouter } from "./routers/tenant/tenant.router";
import { worklistRouter } from "./routers/worklist/worklist.router";
import { reminderRouter } from "./routers/reminder/reminder.router";
import { consentRouter } from "./routers/consent/consent.router";
import { messagingRouter } from "./routers/messaging/messaging.router";
import { jobsRouter } from "./routers/jobs/jobs.router";
import { adviceRouter } from "./routers/advice/advice.router";
import { planRouter } from "./routers/plan/plan.router";
import { reportRouter } from "./routers/report/report.router";
import { riskRouter } from "./routers/risk/risk.router";
import { summaryRouter } from "./routers/summary/summary.router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  tenant: tenantRouter,
  department: departmentRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
  staff: staffRouter,
  patient: patientRouter,
  card: cardRouter,
  record: recordRouter,
  tag: tagRouter,
  panel: panelRouter,
  worklist: worklistRouter,
  forms: formsRouter,
  rules: rulesRouter,
  followup: followupRouter,
  reminder: reminderRouter,
  consent: consentRouter,
  messaging: messagingRouter,
  jobs: jobsRouter,
  risk: riskRouter,
  advice: adviceRouter,
  plan: planRouter,
  summary: summaryRouter,
  report: reportRouter,
  abnormal: abnormalRouter,
  trends: trendsRouter,
  measurement: measurementRouter,
  results: resultsRouter,
  apiKey: apiKeyRouter,
  platform: createTRPCRouter({ tenants: platformTenantsRouter }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
