import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import type { SessionUser } from "@/server/auth/types";
import type { TenantRole } from "@/server/shared/permissions";
import { uniqueSlug } from "./test-database";

/** Not a real hash: these accounts never sign in, tests hand their SessionUser straight to the caller. */
const DUMMY_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$dGVzdA$dGVzdA";

export interface StaffOptions {
  /** Active memberships to create, one per tenant id. */
  memberships?: { tenantId: string; role: TenantRole }[];
  platformOperator?: boolean;
  displayName?: string;
}

/** Inserts a staff account (and its memberships) directly into the control tables. */
export async function createStaffUser(handle: DatabaseHandle, options: StaffOptions = {}): Promise<SessionUser> {
  const id = uuidv7();
  const email = `${uniqueSlug("u")}@test.carepath.local`;
  const name = options.displayName ?? `员工 ${email.slice(0, 8)}`;
  await handle.control.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({ id, email, display_name: name, password_hash: DUMMY_PASSWORD_HASH, is_platform_operator: options.platformOperator ?? false })
      .execute();
    for (const m of options.memberships ?? []) {
      await trx.insertInto("memberships").values({ id: uuidv7(), user_id: id, tenant_id: m.tenantId, role: m.role }).execute();
    }
  });
  return { id, email, name, isPlatformOperator: options.platformOperator ?? false, sessionId: uuidv7() };
}

/** A member of one tenant with one role. */
export function createMember(handle: DatabaseHandle, tenantId: string, role: TenantRole): Promise<SessionUser> {
  return createStaffUser(handle, { memberships: [{ tenantId, role }] });
}
