/**
 * npm run audit:verify -- --tenant <slug>   (or --control for the platform chain)
 * Recomputes the hash chain; exit 0 when intact, 1 naming the first broken seq.
 */
import { forTenant } from "@/db/tenant";
import { verifyAuditChain } from "@/server/audit/verify";
import { openConfiguredDatabase, parseFlags, runCli, UsageError } from "./cli-database";

const USAGE = "npm run audit:verify -- --tenant <slug> | --control";

runCli(USAGE, async () => {
  const flags = parseFlags(process.argv.slice(2), ["tenant", "control"]);
  const slug = flags.tenant;
  if (!slug === !flags.control || slug === "true") throw new UsageError("Give exactly one of --tenant <slug> or --control");
  const handle = await openConfiguredDatabase();
  try {
    let label = "control";
    let chain = handle.control;
    if (slug) {
      // The schema is derived from the registered row, never from the argument alone.
      const row = await handle.control.selectFrom("tenants").select("slug").where("slug", "=", slug).executeTakeFirst();
      if (!row) {
        console.error(`Unknown tenant "${slug}".`);
        return 1;
      }
      label = `tenant ${row.slug}`;
      chain = forTenant(handle.unsafeRoot, row.slug) as unknown as typeof chain;
    }
    const result = await verifyAuditChain(chain);
    if (result.ok) {
      console.log(`Audit chain of ${label}: OK (${result.checked} events).`);
      return 0;
    }
    console.error(`Audit chain of ${label}: BROKEN at seq ${result.firstBrokenSeq} — ${result.reason} (${result.checked} events verified before it).`);
    return 1;
  } finally {
    await handle.close();
  }
});
