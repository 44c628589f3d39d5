import { TRPCError } from "@trpc/server";
import { z } from "zod";

/**
 * Bad input that must name what is wrong (an item, a fact): raised as zod issues so the error formatter
 * localises each message and prefixes it with the path, e.g. "condition.indicator.XYZ.value: unknown fact".
 * The ZodError comes from a real parse (a hand-built one is not an `Error` instance, and tRPC would drop it).
 */
export function namedProblems(problems: { path: (string | number)[]; message: string }[]): TRPCError {
  const result = z
    .unknown()
    .superRefine((_, ctx) => {
      for (const p of problems) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    })
    .safeParse(null);
  return new TRPCError({ code: "BAD_REQUEST", message: problems[0]?.message ?? "errors.invalidInput", cause: result.error });
}
