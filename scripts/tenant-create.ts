/**
 * npm run tenant:create -- --slug <slug> --name <name> [--name-en <name>] [--time-zone <IANA zone>]
 * Migrates the control schema if needed, then provisions the tenant (row + schema + migrations,
 * all or nothing) and records it in the platform audit chain.
 */
import { migrateControl } from "@/db/migrate";
import { isValidTenantSlug } from "@/db/tenant";
import { provisionTenant, TenantExistsError } from "@/server/tenancy/provision";
import { cliActor, openConfiguredDatabase, parseFlags, runCli, UsageError } from "./cli-database";

const USAGE = "npm run tenant:create -- --slug <slug> --name <name> [--name-en <name>] [--time-zone <zone>]";

runCli(USAGE, async () => {
  const flags = parseFlags(process.argv.slice(2), ["slug", "name", "name-en", "time-zone"]);
  const slug = flags.slug;
  const name = flags.name?.trim();
  if (!slug || slug === "true") throw new UsageError("Missing --slug");
  if (!name || name === "true") throw new UsageError("Missing --name");
  if (!isValidTenantSlug(slug)) throw new UsageError(`Invalid slug "${slug}": 2–31 characters, lower-case letters, digits and hyphens, starting with a letter`);
  const timeZone = flags["time-zone"];
  if (timeZone && !(Intl.supportedValuesOf("timeZone").includes(timeZone) || timeZone === "UTC")) throw new UsageError(`Unknown time zone "${timeZone}"`);
  const handle = await openConfiguredDatabase();
  try {
    await migrateControl(handle);
    const tenant = await provisionTenant(handle, { slug, name, nameEn: flags["name-en"] ?? null, timeZone }, cliActor("tenant:create"));
    console.log(`Created tenant ${tenant.slug} (${tenant.id}) on ${handle.kind}.`);
    return 0;
  } catch (error) {
    if (error instanceof TenantExistsError) {
      console.error(`Tenant "${slug}" already exists; nothing changed.`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
});
