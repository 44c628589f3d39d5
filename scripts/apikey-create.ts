/**
 * npm run apikey:create -- --tenant <slug> --scopes results.import [--name <label>]
 * Creates a tenant API key and prints it once (only its hash is stored). Audited in the tenant chain.
 */
import { forTenant } from "@/db/tenant";
import { recordAuditStandalone } from "@/server/audit/record";
import { API_SCOPES, insertApiKey, type ApiScope } from "@/server/modules/apikey/apikey.service";
import { cliActor, openConfiguredDatabase, parseFlags, runCli, UsageError } from "./cli-database";

const USAGE = "npm run apikey:create -- --tenant <slug> --scopes results.import [--name <label>]";

runCli(USAGE, async () => {
  const flags = parseFlags(process.argv.slice(2), ["tenant", "scopes", "name"]);
  const slug = flags.tenant;
  if (!slug || slug === "true") throw new UsageError("Missing --tenant");
  const scopes = (flags.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (scopes.length === 0) throw new UsageError(`Missing --scopes (one or more of: ${API_SCOPES.join(", ")})`);
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`Unknown scope(s): ${unknown.join(", ")}; known: ${API_SCOPES.join(", ")}`);
  const name = flags.name && flags.name !== "true" ? flags.name.slice(0, 100) : `CLI ${new Date().toISOString().slice(0, 10)}`;
  const handle = await openConfiguredDatabase();
  try {
    const tenant = await handle.control.selectFrom("tenants").select(["id", "slug"]).where("slug", "=", slug).executeTakeFirst();
    if (!tenant) {
      console.error(`Tenant "${slug}" does not exist.`);
      return 1;
    }
    const created = await insertApiKey(handle.control, { tenantId: tenant.id, name, scopes: scopes as ApiScope[], createdBy: null });
    await recordAuditStandalone(forTenant(handle.unsafeRoot, tenant.slug), { ...cliActor("apikey:create"), tenantId: tenant.id }, { action: "apikey.create", resourceType: "api_key", resourceId: created.id, details: { scopes, channel: "cli" } });
    console.log(created.key);
    return 0;
  } finally {
    await handle.close();
  }
});
