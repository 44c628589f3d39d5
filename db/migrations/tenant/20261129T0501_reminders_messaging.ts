import { sql, type Kysely } from "kysely";

/**
 * Consent records (append-only history), messaging settings, reminders, their deliveries (one row per
 * reminder × channel × scheduled time, written BEFORE the provider is called) and the development
 * outbox of messages that would have been sent when no provider is configured.
 */
export async function up(db: Kysely<any>, schema: string): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("patient_consents")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('care', 'marketing')`))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('grant', 'withdraw')`))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('paper_form', 'verbal', 'portal', 'staff', 'opt_out_link')`))
    .addColumn("channel", "text", (c) => c.check(sql`channel in ('sms', 'email')`))
    .addColumn("recorded_by", "uuid")
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("patient_consents_current_idx").on("patient_consents").columns(["patient_id", "purpose", "id"]).execute();
  // History is never overwritten: a change of mind is a new row.
  const fn = sql.id(schema, "reject_consent_mutation");
  await sql`create function ${fn}() returns trigger language plpgsql as $$
    begin
      raise exception 'patient_consents is append-only (% rejected)', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger patient_consents_immutable before update on ${sql.table(`${schema}.patient_consents`)}
    for each row execute function ${fn}()`.execute(db);

  await db.schema
    .createTable("messaging_settings")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("quiet_start", "text", (c) => c.notNull().defaultTo("21:00").check(sql`quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addColumn("quiet_end", "text", (c) => c.notNull().defaultTo("08:00").check(sql`quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addColumn("daily_cap", "integer", (c) => c.notNull().defaultTo(3).check(sql`daily_cap between 1 and 50`))
    .addColumn("updated_by", "uuid")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.insertInto("messaging_settings").values({ id: 1 }).execute();

  await db.schema
    .createTable("reminders")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('appointment', 'recheck', 'measurement', 'medication', 'questionnaire')`))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('care', 'marketing')`))
    .addColumn("channels", "jsonb", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("zh-CN").check(sql`locale in ('zh-CN', 'en')`))
    .addColumn("send_at", "timestamptz", (c) => c.notNull())
    .addColumn("subject_at", "timestamptz")
    .addColumn("note_sealed", "text")
    .addColumn("link_sealed", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("scheduled").check(sql`status in ('scheduled', 'deferred', 'sent', 'partly_sent', 'failed', 'skipped', 'cancelled')`),
    )
    .addColumn("status_reason", "text")
    .addColumn("deferred_until", "timestamptz")
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("cancelled_by", "uuid")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("reminders_patient_idx").on("reminders").columns(["patient_id", "send_at"]).execute();

  await db.schema
    .createTable("reminder_deliveries")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("reminder_id", "uuid", (c) => c.notNull().references("reminders.id").onDelete("cascade"))
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn("scheduled_for", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('sending', 'retrying', 'sent', 'delivered', 'failed', 'unconfirmed', 'skipped')`),
    )
    .addColumn("status_reason", "text")
    .addColumn("provider", "text")
    .addColumn("provider_message_id", "text")
    .addColumn("idempotency_key", "uuid", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("last_error", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("delivered_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("reminder_deliveries_once_key", ["reminder_id", "channel", "scheduled_for"])
    .execute();
  await db.schema.createIndex("reminder_deliveries_patient_sent_idx").on("reminder_deliveries").columns(["patient_id", "sent_at"]).execute();
  await db.schema.createIndex("reminder_deliveries_provider_idx").on("reminder_deliveries").columns(["provider", "provider_message_id"]).execute();

  await db.schema
    .createTable("dev_outbox_messages")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("delivery_id", "uuid", (c) => c.references("reminder_deliveries.id").onDelete("cascade"))
    .addColumn("patient_id", "uuid", (c) => c.references("patients.id").onDelete("cascade"))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn("recipient_masked", "text", (c) => c.notNull())
    .addColumn("subject_sealed", "text")
    .addColumn("body_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("dev_outbox_messages_created_idx").on("dev_outbox_messages").columns(["created_at", "id"]).execute();
}
