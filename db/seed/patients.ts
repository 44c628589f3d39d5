import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, tenantSchemaName } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { blindIndex } from "@/server/crypto/blind-index";
import { newPatientKey, sealField } from "@/server/crypto/field-crypto";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { ONBOARDING_TASKS } from "@/server/modules/panel/panel.service";
import { makeCardNumber } from "@/server/modules/patient/rules/card-number";
import { makeIdNumber } from "@/server/modules/patient/rules/id-number";
import { patientTokens } from "@/server/modules/patient/search-tokens";
import { recordFacts } from "@/server/modules/rules/record-facts";
import { ZHealthRecordData } from "@/server/shared/dto/patient-record";

/**
 * Synthetic patients for a demo tenant: Chinese names, valid-checksum FAKE ID numbers, phones in the
 * 1700100xxxx block (never assigned to real subscribers in this data set; do not dial), member cards,
 * health records and tags. Written with the same sealing and token code as the services, in bulk.
 * Idempotent: a tenant that already has patients is left alone.
 */
export interface SeedPatientsOptions {
  count?: number;
  /** PRNG seed: the same seed gives the same people. */
  seed?: number;
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const COMPOUND = ["欧阳", "司马", "上官", "诸葛"];
const GIVEN_M = "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰建国志文博";
const GIVEN_F = "芳娜敏静丽艳娟霞秀玲桂英梅琳雪婷慧颖倩洁琴云莲真环红月萍佳欣怡";
const AREAS = ["110105", "310104", "330106", "440305", "510107", "420106", "320102", "370102", "120101", "500103"];
const CHANNELS = ["体检中心", "门诊转介", "企业团检", "线上预约", "老客户推荐", "社区活动"];
const LEVELS = ["普通卡", "银卡", "金卡", "钻石卡"];
const PACKAGES = ["基础体检套餐", "心脑血管专项", "慢病管理年卡", "女性健康套餐", "高端全面体检"];
const STREETS = ["文三路", "中山北路", "人民路", "解放大道", "建设路", "长江路", "和平街"];
const CITIES = ["北京市朝阳区", "上海市徐汇区", "浙江省杭州市西湖区", "广东省深圳市南山区", "四川省成都市武侯区", "湖北省武汉市江汉区"];
const TAGS = [
  { name: "高血压", colour: "#d9480f", category: "慢病", sensitive: false },
  { name: "糖尿病", colour: "#c92a2a", category: "慢病", sensitive: false },
  { name: "血脂异常", colour: "#e67700", category: "慢病", sensitive: false },
  { name: "超重", colour: "#5c940d", category: "体重", sensitive: false },
  { name: "吸烟", colour: "#495057", category: "生活方式", sensitive: false },
  { name: "VIP", colour: "#1971c2", category: "服务", sensitive: false },
  { name: "心理关注", colour: "#7048e8", category: "心理", sensitive: true },
];
const CONDITIONS = ["高血压", "2型糖尿病", "高脂血症", "脂肪肝", "甲状腺结节", "慢性胃炎"];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedActor: AuditActor = { userId: null, role: "system", tenantId: null, requestId: "demo-seed", ip: null, userAgent: "carepath seed" };

export async function seedDemoPatients(handle: DatabaseHandle, tenantSlug: string, options: SeedPatientsOptions = {}): Promise<{ created: number; skipped: boolean }> {
  const count = options.count ?? 2000;
  const rand = rng(options.seed ?? 20261129);
  const pick = <T>(list: readonly T[] | string): T => list[Math.floor(rand() * list.length)] as T;
  const tenant = await handle.control.selectFrom("tenants").select("id").where("slug", "=", tenantSlug).executeTakeFirstOrThrow();
  const tdb = forTenant(handle.unsafeRoot, tenantSlug);
  if (await tdb.selectFrom("patients").select("id").limit(1).executeTakeFirst()) return { created: 0, skipped: true };
  const ring = await getTenantKeyring(handle.control as Kysely<ControlDatabase>, tenant.id);
  const managers = (
    await handle.control
      .selectFrom("memberships")
      .select("user_id")
      .where("tenant_id", "=", tenant.id)
      .where("role", "=", "health_manager")
      .where("status", "=", "active")
      .orderBy("user_id")
      .execute()
  ).map((m) => m.user_id);
  const departments = (await tdb.selectFrom("departments").select("id").orderBy("id").execute()).map((d) => d.id);
  const actor = { ...seedActor, tenantId: tenant.id };
  const today = new Date();
  const usedIds = new Set<string>();

  await tdb.transaction().execute(async (trx) => {
    if (departments[0] && managers.length) {
      await trx
        .insertInto("department_staff")
        .values(managers.map((user_id) => ({ department_id: departments[0]!, user_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const tagIds: string[] = [];
    for (const t of TAGS) {
      const existing = await trx.selectFrom("tags").select("id").where("name", "=", t.name).executeTakeFirst();
      tagIds.push(existing?.id ?? (await trx.insertInto("tags").values({ id: uuidv7(), ...t }).returning("id").executeTakeFirstOrThrow()).id);
    }
    const BATCH = 200;
    for (let start = 0; start < count; start += BATCH) {
      const patients = [];
      const tokens = [];
      const cards = [];
      const records = [];
      const versions = [];
      const tags = [];
      const events = [];
      const tasks = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const female = rand() < 0.52;
        const surname = rand() < 0.03 ? pick(COMPOUND) : pick<string>(SURNAMES);
        const given = Array.from({ length: rand() < 0.6 ? 2 : 1 }, () => pick<string>(female ? GIVEN_F : GIVEN_M)).join("");
        const name = surname + given;
        const birthYear = today.getUTCFullYear() - 18 - Math.floor(rand() * 67);
        const birth = `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
        let idNumber: string;
        do idNumber = makeIdNumber(pick(AREAS), birth, Math.floor(rand() * 499) * 2 + (female ? 2 : 1));
        while (usedIds.has(idNumber));
        usedIds.add(idNumber);
        const phone = `1700100${String(i).padStart(4, "0")}`;
        const id = uuidv7();
        const { key, sealed } = newPatientKey(ring, id);
        const b = (table: string, column: string, rowId = id) => ({ tenantId: tenant.id, table, column, rowId });
        const manager = managers.length ? managers[i % managers.length]! : null;
        patients.push({
          id,
          key_sealed: sealed,
          name_sealed: sealField(key, name, b("patients", "name")),
          id_number_sealed: sealField(key, idNumber, b("patients", "id_number")),
          id_number_bidx: blindIndex(ring.indexKey, "idno", idNumber),
          phone_sealed: sealField(key, phone, b("patients", "phone")),
          phone_bidx: blindIndex(ring.indexKey, "phone", phone),
          email_sealed: rand() < 0.5 ? sealField(key, `demo${i}@example.com`, b("patients", "email")) : null,
          address_sealed: sealField(key, `${pick(CITIES)}${pick(STREETS)}${1 + Math.floor(rand() * 300)}号`, b("patients", "address")),
          emergency_contact_sealed: null,
          notes_sealed: null,
          sex: female ? ("female" as const) : ("male" as const),
          birth_date: birth,
          source_channel: pick(CHANNELS),
          department_id: departments[0] ?? null,
          manager_user_id: manager,
          last_contact_at: rand() < 0.7 ? new Date(today.getTime() - Math.floor(rand() * 180) * 86400_000) : null,
          created_by: null,
        });
        const cardId = uuidv7();
        const cardNumber = makeCardNumber(rand);
        const from = new Date(today.getTime() - Math.floor(rand() * 700) * 86400_000);
        const to = new Date(from.getTime() + 365 * 86400_000);
        const iso = (d: Date) => d.toISOString().slice(0, 10);
        const cardStatus = to < today ? ("expired" as const) : rand() < 0.05 ? ("frozen" as const) : ("active" as const);
        cards.push({
          id: cardId,
          patient_id: id,
          card_no_sealed: sealField(key, cardNumber, b("member_cards", "card_no", cardId)),
          card_no_bidx: blindIndex(ring.indexKey, "card", cardNumber),
          level: pick(LEVELS),
          service_package: pick(PACKAGES),
          valid_from: iso(from),
          valid_to: iso(to),
          status: cardStatus,
          entitlements: JSON.stringify([{ code: "checkup", name: "年度体检", remaining: Math.floor(rand() * 3) }]),
          created_by: null,
        });
        for (const token of patientTokens(ring, { name, phone, idNumber, cardNumbers: [cardNumber] })) tokens.push({ token, patient_id: id });
        const tagCount = Math.floor(rand() * 3);
        const chosen = new Set<string>();
        for (let k = 0; k < tagCount; k++) chosen.add(tagIds[Math.floor(rand() * tagIds.length)]!);
        for (const tagId of chosen) tags.push({ patient_id: id, tag_id: tagId, source: "manual" as const, rule_id: null, reason: "演示数据", added_by: null });
        events.push({ id: uuidv7(), patient_id: id, kind: "patient.created", actor_user_id: null, details: JSON.stringify({ seed: true }) });
        events.push({ id: uuidv7(), patient_id: id, kind: "card.opened", actor_user_id: null, details: JSON.stringify({ cardId }) });
        if (rand() < 0.5) {
          const data = {
            pastHistory: rand() < 0.5 ? [{ condition: pick(CONDITIONS) }] : [],
            allergies: rand() < 0.2 ? [{ substance: "青霉素", severity: "moderate" }] : [],
            medications: [],
            familyHistory: rand() < 0.4 ? [{ relation: "father", condition: pick(CONDITIONS) }] : [],
            surgeries: [],
            lifestyle: { smoking: rand() < 0.25 ? "current" : "never", drinking: rand() < 0.3 ? "occasional" : "never", exerciseMinutesPerWeek: Math.floor(rand() * 300) },
          };
          const json = JSON.stringify(data);
          records.push({ patient_id: id, version: 1, data_sealed: sealField(key, json, b("health_records", "data", `${id}:1`)), facts: JSON.stringify(recordFacts(ZHealthRecordData.parse(data))), updated_by: null });
          versions.push({
            id: uuidv7(),
            patient_id: id,
            version: 1,
            data_sealed: sealField(key, json, b("health_record_versions", "data", `${id}:1`)),
            changed_fields: JSON.stringify(Object.keys(data).sort()),
            changed_by: null,
          });
        } else if (i >= count - 40 && manager) {
          for (const t of ONBOARDING_TASKS) tasks.push({ id: uuidv7(), assignee_user_id: manager, patient_id: id, kind: t.kind, due_at: new Date(today.getTime() + t.dueHours * 3600_000) });
        }
      }
      await trx.insertInto("patients").values(patients).execute();
      await trx.insertInto("patient_search_tokens").values(tokens).onConflict((oc) => oc.doNothing()).execute();
      await trx.insertInto("member_cards").values(cards).execute();
      if (records.length) await trx.insertInto("health_records").values(records).execute();
      if (versions.length) await trx.insertInto("health_record_versions").values(versions).execute();
      if (tags.length) await trx.insertInto("patient_tags").values(tags).execute();
      if (tasks.length) await trx.insertInto("worklist_tasks").values(tasks).execute();
      await trx.insertInto("patient_events").values(events).execute();
    }
    await recordAudit(trx, actor, { action: "patient.seed", resourceType: "patient", details: { count, synthetic: true } });
  });
  // Fresh statistics, so the planner drives searches from the token index at once instead of
  // waiting for autovacuum to notice the bulk load.
  for (const table of ["patients", "patient_search_tokens", "member_cards", "patient_tags"]) {
    await sql`analyze ${sql.id(tenantSchemaName(tenantSlug), table)}`.execute(handle.unsafeRoot);
  }
  return { created: count, skipped: false };
}
