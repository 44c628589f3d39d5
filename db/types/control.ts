import type { ColumnType } from "kysely";
import type { AuditTables, CreatedAt, Timestamp, WithDefault } from "./audit";

export type TenantStatus = "active" | "suspended";
export type UserStatus = "active" | "deactivated";
export type MembershipStatus = "active" | "removed";

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  name_en: string | null;
  time_zone: WithDefault<string>;
  status: WithDefault<TenantStatus>;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  /** TOTP secret sealed with the master key (see server/crypto/secret-box.ts); null until enrolled. */
  mfa_secret_sealed: string | null;
  mfa_enrolled_at: Timestamp | null;
  /** Last accepted TOTP time step (int8 as string); codes at or before it are replays. */
  mfa_last_time_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  is_platform_operator: WithDefault<boolean>;
  status: WithDefault<UserStatus>;
  locale: string | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  tenant_id: string;
  role: string;
  status: WithDefault<MembershipStatus>;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

/** Server-side session rows: the JWT carries only `sid`; revocation and timeouts are decided here. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: WithDefault<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AuthThrottleTable {
  key: string;
  points: WithDefault<number>;
  expire: string | null;
}

export type ControlDatabase = AuditTables & {
  tenants: TenantsTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  auth_throttle: AuthThrottleTable;
  tenant_data_keys: TenantDataKeysTable;
  call_routes: CallRoutesTable;
  api_keys: ApiKeysTable;
};

/** (provider, call id) → tenant, so a provider webhook can be routed without trusting its payload. */
export interface CallRoutesTable {
  provider: string;
  call_id: string;
  tenant_id: string;
  created_at: CreatedAt;
}

/** A tenant's data key, wrapped by a key derived from the master key (server/crypto/tenant-keys.ts). */
export interface TenantDataKeysTable {
  id: string;
  tenant_id: string;
  kid: string;
  wrapped_key: string;
  created_at: CreatedAt;
}

/** A tenant API key: the secret is never stored, only sha256(secret). `scopes` e.g. ["results.import"]. */
export interface ApiKeysTable {
  id: string;
  key_id: string;
  tenant_id: string;
  name: string;
  scopes: ColumnType<string[], string, string>;
  secret_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  replaced_by: string | null;
}
