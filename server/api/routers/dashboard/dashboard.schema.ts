import { z } from "zod";

export const ZCount = z.object({ count: z.number().int().nonnegative() });

export const ZMySecurity = z.object({
  mfaEnrolled: z.boolean(),
  mfaEnrolledAt: z.date().nullable(),
  lastSignInAt: z.date().nullable(),
  activeSessions: z.number().int().nonnegative(),
});

export const ZActorNamesInput = z.object({ ids: z.array(z.uuid()).max(200) });
export const ZActorNames = z.array(z.object({ id: z.string(), name: z.string() }));
