import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { requestMetaFromHeaders } from "@/server/api/request-meta";
import { purposeKey, getServerSecrets } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { getDatabase } from "@/server/tenancy/database";
import { readTicket } from "./pre-auth-ticket";
import { ABSOLUTE_LIFETIME_MS } from "./session-rules";
import { createSession } from "./session-store";

const ZCredentials = z.object({ ticket: z.string().min(1).max(4096), method: z.enum(["totp", "recovery_code", "enrolment"]) });

/**
 * next-auth issues the cookie; the control.sessions row decides whether it is still good.
 * The only way in is a sealed pre-auth ticket at stage `verified`, i.e. after password AND second factor.
 */
function config(): NextAuthConfig {
  return {
    secret: getServerSecrets().authSecret,
    trustHost: true,
    useSecureCookies: env.COOKIE_SECURE,
    session: { strategy: "jwt", maxAge: Math.floor(ABSOLUTE_LIFETIME_MS / 1000) },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        id: "credentials",
        credentials: { ticket: {}, method: {} },
        async authorize(raw, request) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const ticket = readTicket(purposeKey("pre-auth-ticket"), parsed.data.ticket);
          if (!ticket || ticket.stage !== "verified") return null;
          const database = await getDatabase();
          const user = await database.control.selectFrom("users").select(["id", "status"]).where("id", "=", ticket.uid).executeTakeFirst();
          if (!user || user.status !== "active") return null;
          const sid = await createSession(database, user.id, requestMetaFromHeaders(request.headers), parsed.data.method);
          return { id: user.id, sid } as { id: string };
        },
      }),
    ],
    callbacks: {
      // Keep the token minimal: who and which session row. Everything else is read from the database.
      jwt({ token, user }) {
        if (user) return { sub: user.id, sid: (user as { sid?: string }).sid };
        return { sub: token.sub, sid: token.sid };
      },
      session({ session, token }) {
        return { expires: session.expires, sid: token.sid, uid: token.sub } as unknown as typeof session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
