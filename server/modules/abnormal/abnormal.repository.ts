import type { TenantDb } from "@/db/tenant";
import type { AbnormalClass } from "./rules/abnormal-classes";

export interface ItemListFilter {
  /** null: every patient of the tenant; otherwise only patients of this manager's panel. */
  panelOf: string | null;
  class?: AbnormalClass;
  overdueAt?: Date;
  mineUserId?: string;
  patientId?: string;
  after?: { foundAt: Date; id: string };
  limit: number;
}

const ITEM_COLUMNS = [
  "a.id",
  "a.patient_id",
  "a.class",
  "a.status",
  "a.found_at",
  "a.due_at",
  "a.escalated_at",
  "a.escalated_to_user_id",
  "a.responsible_user_id",
  "a.outcome",
  "a.outcome_note_sealed",
  "a.closed_at",
  "a.closed_by",
  "p.key_sealed",
  "p.name_sealed",
] as const;

/** Open items, oldest first (keyset on found_at, id), within the caller's scope. */
export function listOpenItems(db: TenantDb, f: ItemListFilter) {
  let q = db.selectFrom("abnormal_items as a").innerJoin("patients as p", "p.id", "a.patient_id").select(ITEM_COLUMNS).where("a.status", "=", "open");
  if (f.panelOf) q = q.where("p.manager_user_id", "=", f.panelOf);
  if (f.class) q = q.where("a.class", "=", f.class);
  if (f.overdueAt) q = q.where("a.due_at", "<=", f.overdueAt);
  if (f.patientId) q = q.where("a.patient_id", "=", f.patientId);
  if (f.mineUserId) {
    const me = f.mineUserId;
    q = q.where((eb) => eb.or([eb("a.responsible_user_id", "=", me), eb("a.escalated_to_user_id", "=", me)]));
  }
  if (f.after) {
    const after = f.after;
    q = q.where((eb) => eb(eb.refTuple("a.found_at", "a.id"), ">", eb.tuple(after.foundAt, after.id)));
  }
  return q.orderBy("a.found_at", "asc").orderBy("a.id", "asc").limit(f.limit).execute();
}

export function findItem(db: TenantDb, itemId: string) {
  return db.selectFrom("abnormal_items as a").innerJoin("patients as p", "p.id", "a.patient_id").select([...ITEM_COLUMNS, "p.manager_user_id"]).where("a.id", "=", itemId).executeTakeFirst();
}

export function findingsOf(db: TenantDb, itemIds: string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("abnormal_item_observations")
    .select(["item_id", "observation_id", "rule", "code", "name", "name_en", "value", "unit", "observed_at"])
    .where("item_id", "in", itemIds)
    .orderBy("item_id")
    .orderBy("position")
    .execute();
}

export function historyOf(db: TenantDb, itemId: string) {
  return db.selectFrom("abnormal_item_events").select(["kind", "actor_user_id", "details", "occurred_at"]).where("item_id", "=", itemId).orderBy("occurred_at").orderBy("id").execute();
}
