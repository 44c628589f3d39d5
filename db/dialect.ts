import { PostgresDialect, PostgresIntrospector, sql, type DatabaseMetadataOptions, type Kysely, type TableMetadata } from "kysely";

/**
 * Kysely's Migrator asks "does my migration table exist?" by introspecting EVERY table and column of
 * the database (`getTables({ withInternalKyselyTables: true })`), several times per schema. With one
 * schema per tenant that is O(tenants) per call and O(tenants²) for a full migration. Only the
 * Migrator asks for internal tables, and only by name and schema, so that question is answered from
 * pg_class directly; every other introspection is Kysely's own.
 */
class SchemaPerTenantIntrospector extends PostgresIntrospector {
  constructor(private readonly db: Kysely<any>) {
    super(db);
  }

  override async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    if (!options?.withInternalKyselyTables) return super.getTables(options);
    const { rows } = await sql<{ schema: string; name: string }>`
      select n.nspname as schema, c.relname as name
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and c.relname in ('kysely_migration', 'kysely_migration_lock')`.execute(this.db);
    return rows.map((r) => ({ schema: r.schema, name: r.name, isView: false, columns: [] }));
  }
}

export class CarepathPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>) {
    return new SchemaPerTenantIntrospector(db);
  }
}
