import { sql, type Kysely } from "kysely";

/**
 * Patients, member cards, health records, tags, panels, worklist, timeline, family links.
 * Columns ending in `_sealed` hold AES-256-GCM ciphertext (server/crypto/field-crypto.ts);
 * columns ending in `_bidx` and the token table hold keyed HMACs, never plaintext.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("patients")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("key_sealed", "text")
    .addColumn("name_sealed", "text", (c) => c.notNull())
    .addColumn("id_number_sealed", "text")
    .addColumn("id_number_bidx", "text")
    .addColumn("phone_sealed", "text")
    .addColumn("phone_bidx", "text")
    .addColumn("email_sealed", "text")
    .addColumn("address_sealed", "text")
    .addColumn("emergency_contact_sealed", "text")
    .addColumn("notes_sealed", "text")
    .addColumn("sex", "text", (c) => c.notNull().check(sql`sex in ('male', 'female', 'unknown')`))
    .addColumn("birth_date", "date")
    .addColumn("source_channel", "text")
    .addColumn("department_id", "uuid", (c) => c.references("departments.id"))
    .addColumn("manager_user_id", "uuid")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status in ('active', 'archived')`))
    .addColumn("last_contact_at", "timestamptz")
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("patients_id_number_bidx_key").on("patients").column("id_number_bidx").unique().where(sql.ref("id_number_bidx"), "is not", null).execute();
  await db.schema.createIndex("patients_phone_bidx_idx").on("patients").column("phone_bidx").execute();
  await db.schema.createIndex("patients_manager_idx").on("patients").columns(["manager_user_id", "id"]).execute();
  await db.schema.createIndex("patients_birth_date_idx").on("patients").columns(["birth_date", "id"]).execute();

  await db.schema
    .createTable("patient_search_tokens")
    .addColumn("token", "text", (c) => c.notNull())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("patient_search_tokens_pkey", ["token", "patient_id"])
    .execute();
  await db.schema.createIndex("patient_search_tokens_patient_idx").on("patient_search_tokens").column("patient_id").execute();

  await db.schema
    .createTable("member_cards")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("card_no_sealed", "text", (c) => c.notNull())
    .addColumn("card_no_bidx", "text", (c) => c.notNull().unique())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("service_package", "text")
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_to", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status in ('active', 'frozen', 'expired', 'cancelled')`))
    .addColumn("entitlements", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("member_cards_validity_check", sql`valid_to >= valid_from`)
    .execute();
  await db.schema.createIndex("member_cards_patient_idx").on("member_cards").columns(["patient_id", "status"]).execute();

  await db.schema
    .createTable("health_records")
    .addColumn("patient_id", "uuid", (c) => c.primaryKey().references("patients.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("data_sealed", "text", (c) => c.notNull())
    .addColumn("updated_by", "uuid")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("health_record_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("data_sealed", "text", (c) => c.notNull())
    .addColumn("changed_fields", "jsonb", (c) => c.notNull())
    .addColumn("changed_by", "uuid")
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("health_record_versions_patient_version_key", ["patient_id", "version"])
    .execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("colour", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("sensitive", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("patient_tags")
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("tag_id", "uuid", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('manual', 'rule')`))
    .addColumn("rule_id", "uuid")
    .addColumn("reason", "text")
    .addColumn("added_by", "uuid")
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("patient_tags_pkey", ["patient_id", "tag_id"])
    .execute();
  await db.schema.createIndex("patient_tags_tag_idx").on("patient_tags").columns(["tag_id", "patient_id"]).execute();
  await db.schema
    .createTable("patient_tag_events")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("tag_id", "uuid", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('add', 'remove')`))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("rule_id", "uuid")
    .addColumn("reason", "text")
    .addColumn("actor_user_id", "uuid")
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("patient_tag_events_patient_idx").on("patient_tag_events").columns(["patient_id", "id"]).execute();

  await db.schema
    .createTable("department_staff")
    .addColumn("department_id", "uuid", (c) => c.notNull().references("departments.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull())
    .addPrimaryKeyConstraint("department_staff_pkey", ["department_id", "user_id"])
    .execute();
  await db.schema
    .createTable("patient_assignments")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("from_user_id", "uuid")
    .addColumn("to_user_id", "uuid")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "uuid")
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("patient_assignments_patient_idx").on("patient_assignments").columns(["patient_id", "id"]).execute();

  await db.schema
    .createTable("worklist_tasks")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("assignee_user_id", "uuid")
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open', 'done', 'cancelled')`))
    .addColumn("due_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("completed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("worklist_tasks_assignee_idx").on("worklist_tasks").columns(["assignee_user_id", "status", "due_at"]).execute();
  await db.schema.createIndex("worklist_tasks_patient_idx").on("worklist_tasks").column("patient_id").execute();

  await db.schema
    .createTable("patient_events")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "uuid")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("patient_events_patient_idx").on("patient_events").columns(["patient_id", "id"]).execute();

  await db.schema
    .createTable("family_links")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("related_patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("relation", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("family_links_pair_key", ["patient_id", "related_patient_id"])
    .addCheckConstraint("family_links_not_self", sql`patient_id <> related_patient_id`)
    .execute();
}
