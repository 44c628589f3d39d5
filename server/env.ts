import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/** Validated configuration, read once at boot. Every variable is documented in README.md. */
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    DATA_DIR: z.string().default(".data"),
    AUTH_SECRET: z.string().min(32).optional(),
    CAREPATH_MASTER_KEY: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, "64 hex characters (32 bytes)")
      .optional(),
    COOKIE_SECURE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    DEMO_SEED: z
      .enum(["auto", "off"])
      .default("auto"),
  },
  client: {},
  runtimeEnv: {
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
    DATA_DIR: process.env.DATA_DIR,
    AUTH_SECRET: process.env.AUTH_SECRET,
    CAREPATH_MASTER_KEY: process.env.CAREPATH_MASTER_KEY,
    COOKIE_SECURE: process.env.COOKIE_SECURE,
    DEMO_SEED: process.env.DEMO_SEED,
  },
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
});
