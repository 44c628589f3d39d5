/**
 * Shared by the CLI entry points: argument parsing and the configured database (DATABASE_URL, or the
 * embedded PGlite in DATA_DIR, default .data). Imports nothing that pulls in `server-only`.
 */
import { openDatabase, type DatabaseHandle } from "@/db/client";
import type { AuditActor } from "@/server/audit/record";

export class UsageError extends Error {}

/** `--slug acme --name "X"` → { slug: "acme", name: "X" }; flags without a value are "true". */
export function parseFlags(argv: string[], allowed: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument: ${arg}`);
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!allowed.includes(key)) throw new UsageError(`Unknown option --${key}`);
    if (inline !== undefined) flags[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) flags[key] = argv[++i]!;
    else flags[key] = "true";
  }
  return flags;
}

export function openConfiguredDatabase(): Promise<DatabaseHandle> {
  return openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || ".data", poolSize: 2 });
}

export function cliActor(command: string): AuditActor {
  return { userId: null, role: "system", tenantId: null, requestId: `cli:${command}`, ip: null, userAgent: `carepath-cli/${command}` };
}

/** Runs a CLI body: exit 0 on success, the returned code on a reported failure, 1 with a clear message on an error. */
export function runCli(usage: string, main: () => Promise<number>): void {
  main()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      if (error instanceof UsageError) console.error(`${error.message}\nUsage: ${usage}`);
      else console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    });
}
