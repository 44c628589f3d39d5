import { z } from "zod";
import { appRouter } from "@/server/api/root";
import type { ProcedureMeta } from "@/server/api/trpc";

export interface WalkedProcedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: ProcedureMeta | undefined;
  inputs: z.ZodType[];
}

interface ProcedureDef {
  type: WalkedProcedure["type"];
  meta?: ProcedureMeta;
  inputs: unknown[];
}

interface RouterDef {
  procedures: Record<string, { _def: ProcedureDef }>;
  lazy: Record<string, { load(): Promise<void> }>;
}

/**
 * Every procedure of the app router (tRPC v11 keeps a flat path → procedure record). Lazy routers
 * are loaded first, so a router added with `lazy(() => import(…))` is walked like any other.
 */
export async function walkRouter(): Promise<WalkedProcedure[]> {
  const def = appRouter._def as unknown as RouterDef;
  for (let pending = Object.values(def.lazy); pending.length > 0; pending = Object.values(def.lazy)) {
    await Promise.all(pending.map((loader) => loader.load()));
  }
  const record = def.procedures;
  return Object.entries(record)
    .map(([path, procedure]) => ({
      path,
      type: procedure._def.type,
      meta: procedure._def.meta,
      inputs: procedure._def.inputs.filter((i): i is z.ZodType => i instanceof z.ZodType),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function hasUuid(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasUuid);
  if (node === null || typeof node !== "object") return false;
  const record = node as Record<string, unknown>;
  if (record.format === "uuid") return true;
  return Object.values(record).some(hasUuid);
}

/** True when any input schema of the procedure contains a uuid-formatted field (an id of some record). */
export function takesId(procedure: WalkedProcedure): boolean {
  return procedure.inputs.some((schema) => hasUuid(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })));
}

/** Calls a procedure by its dotted path on a caller, with an arbitrary input. */
export function invoke(caller: object, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  if (typeof target !== "function") throw new Error(`No procedure at ${path}`);
  return (target as (input: unknown) => Promise<unknown>)(input);
}
