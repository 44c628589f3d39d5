import { renderToBuffer } from "@react-pdf/renderer";
import { registerReportFonts } from "./fonts";
import { HealthReport } from "./templates/health-report/health-report";
import type { ReportData } from "./templates/health-report/report-data";

/** Renders the report on the current thread. Request handlers use `render-pool.ts` instead. */
export async function renderHealthReport(data: ReportData): Promise<Buffer> {
  registerReportFonts();
  return renderToBuffer(<HealthReport data={data} />);
}
