/**
 * npm run report:pdf -- --tenant <slug> --card <card number> --out <file.pdf> [--locale zh-CN|en]
 * Renders one patient's health report (the same data, template and audit as the app; recorded in
 * health_reports with the PDF sealed). The patient is found by card number through its blind index.
 */
import { writeFileSync } from "node:fs";
import { forTenant } from "@/db/tenant";
import { blindIndex } from "@/server/crypto/blind-index";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { normaliseCardNumber } from "@/server/modules/patient/rules/card-number";
import { generateStoredReport } from "@/server/modules/report/report.service";
import { cliActor, openConfiguredDatabase, parseFlags, runCli, UsageError } from "./cli-database";

const USAGE = "npm run report:pdf -- --tenant <slug> --card <card number> --out <file.pdf> [--locale zh-CN|en]";

runCli(USAGE, async () => {
  const flags = parseFlags(process.argv.slice(2), ["tenant", "card", "out", "locale"]);
  if (!flags.tenant || !flags.card || !flags.out || [flags.tenant, flags.card, flags.out].includes("true")) throw new UsageError("--tenant, --card and --out are required");
  const locale = flags.locale === "en" ? "en" : flags.locale === undefined || flags.locale === "zh-CN" ? "zh-CN" : null;
  if (!locale) throw new UsageError("--locale must be zh-CN or en");
  const handle = await openConfiguredDatabase();
  try {
    const row = await handle.control.selectFrom("tenants").select(["id", "slug", "name", "name_en", "time_zone"]).where("slug", "=", flags.tenant).executeTakeFirst();
    if (!row) {
      console.error(`Unknown tenant "${flags.tenant}".`);
      return 1;
    }
    const db = forTenant(handle.unsafeRoot, row.slug);
    const ring = await getTenantKeyring(handle.control, row.id);
    const card = await db.selectFrom("member_cards").select("patient_id").where("card_no_bidx", "=", blindIndex(ring.indexKey, "card", normaliseCardNumber(flags.card))).executeTakeFirst();
    if (!card) {
      console.error("No patient holds that card number in this tenant.");
      return 1;
    }
    const { renderHealthReport } = await import("@/server/pdf/render-health-report");
    const started = performance.now();
    const out = await generateStoredReport(handle, { id: row.id, name: row.name, nameEn: row.name_en, timeZone: row.time_zone, db }, { patientId: card.patient_id, locale, batchId: null }, { ...cliActor("report:pdf"), tenantId: row.id }, renderHealthReport);
    writeFileSync(flags.out, out.pdf);
    console.log(`Wrote ${flags.out}: ${out.pages} pages, ${out.pdf.byteLength} bytes in ${Math.round(performance.now() - started)} ms (report ${out.reportId}).`);
    return 0;
  } finally {
    await handle.close();
  }
});
