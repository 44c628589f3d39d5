import { describe, expect, it } from "vitest";
import { decideSend, inQuietHours, nextAllowedTime, type SendPolicy } from "@/server/modules/reminder/rules/send-window";
import { localDayBounds, localParts, zonedToUtc } from "@/server/modules/reminder/rules/zoned-time";

/** Small deterministic PRNG (mulberry32) so every run checks the same thousands of schedules. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Adelaide"];
const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

describe("quiet hours (fixed cases, Asia/Shanghai, 21:00–08:00)", () => {
  const policy: SendPolicy = { timeZone: "Asia/Shanghai", quiet: { start: "21:00", end: "08:00" }, dailyCap: 2 };
  const at = (iso: string) => new Date(iso);
  it("defers 22:30 local to 08:00 the next morning and 06:00 to 08:00 the same morning", () => {
    expect(decideSend(at("2026-11-28T14:30:00Z"), policy, 0)).toEqual({ kind: "defer", until: at("2026-11-29T00:00:00Z"), reason: "quiet_hours" });
    expect(decideSend(at("2026-11-27T22:00:00Z"), policy, 0)).toEqual({ kind: "defer", until: at("2026-11-28T00:00:00Z"), reason: "quiet_hours" });
  });
  it("sends at 08:00 and 20:59 local, and defers to the next day once the cap is reached", () => {
    expect(decideSend(at("2026-11-28T00:00:00Z"), policy, 0)).toEqual({ kind: "send" });
    expect(decideSend(at("2026-11-28T12:59:00Z"), policy, 1)).toEqual({ kind: "send" });
    expect(decideSend(at("2026-11-28T04:00:00Z"), policy, 2)).toEqual({ kind: "defer", until: at("2026-11-29T00:00:00Z"), reason: "daily_cap" });
  });
  it("a window that does not wrap midnight (13:00–14:00) and an empty one", () => {
    const lunch = { start: "13:00", end: "14:00" };
    expect(inQuietHours(at("2026-11-28T05:30:00Z"), "Asia/Shanghai", lunch)).toBe(true);
    expect(nextAllowedTime(at("2026-11-28T05:30:00Z"), "Asia/Shanghai", lunch)).toEqual(at("2026-11-28T06:00:00Z"));
    expect(inQuietHours(at("2026-11-28T14:30:00Z"), "Asia/Shanghai", { start: "08:00", end: "08:00" })).toBe(false);
  });
});

describe("quiet hours and daily caps (property-style over many schedules)", () => {
  it("every decision respects quiet hours and the cap, and a deferral is never a drop", () => {
    const rand = prng(20261129);
    for (let i = 0; i < 4000; i++) {
      const timeZone = ZONES[i % ZONES.length]!;
      const start = Math.floor(rand() * 48) * 30;
      const end = Math.floor(rand() * 48) * 30;
      const policy: SendPolicy = { timeZone, quiet: { start: hm(start), end: hm(end) }, dailyCap: 1 + Math.floor(rand() * 5) };
      const now = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 365 * 24 * 60) * 60_000);
      const sentToday = Math.floor(rand() * 7);
      const decision = decideSend(now, policy, sentToday);
      if (decision.kind === "send") {
        expect(inQuietHours(now, timeZone, policy.quiet)).toBe(false);
        expect(sentToday).toBeLessThan(policy.dailyCap);
      } else {
        expect(decision.until.getTime()).toBeGreaterThan(now.getTime());
        expect(inQuietHours(decision.until, timeZone, policy.quiet)).toBe(false);
        expect(decision.until.getTime() - now.getTime()).toBeLessThanOrEqual(50 * 3600_000);
        if (decision.reason === "daily_cap") expect(decision.until.getTime()).toBeGreaterThanOrEqual(localDayBounds(now, timeZone).end.getTime());
      }
    }
  });

  it("simulated weeks of reminders: all are delivered, never in quiet hours, never above the cap per local day", () => {
    const rand = prng(7);
    for (let run = 0; run < 300; run++) {
      const timeZone = ZONES[run % ZONES.length]!;
      const policy: SendPolicy = {
        timeZone,
        quiet: { start: hm(19 * 60 + Math.floor(rand() * 8) * 30), end: hm(6 * 60 + Math.floor(rand() * 6) * 30) },
        dailyCap: 1 + Math.floor(rand() * 3),
      };
      const base = Date.UTC(2026, Math.floor(rand() * 12), 1 + Math.floor(rand() * 27));
      const count = 1 + Math.floor(rand() * 25);
      const queue = Array.from({ length: count }, (_, id) => ({ id, scheduled: base + Math.floor(rand() * 7 * 24 * 60) * 60_000, at: 0 }));
      for (const q of queue) q.at = q.scheduled;
      const sent: { id: number; at: number; day: string }[] = [];
      const dayKey = (t: number) => {
        const p = localParts(new Date(t), timeZone);
        return `${p.year}-${p.month}-${p.day}`;
      };
      for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
        queue.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = queue.shift()!;
        const today = dayKey(next.at);
        const decision = decideSend(new Date(next.at), policy, sent.filter((s) => s.day === today).length);
        if (decision.kind === "send") sent.push({ id: next.id, at: next.at, day: today });
        else queue.push({ ...next, at: decision.until.getTime() });
      }
      expect(queue).toHaveLength(0);
      expect(new Set(sent.map((s) => s.id)).size).toBe(count);
      const perDay = new Map<string, number>();
      for (const s of sent) {
        expect(inQuietHours(new Date(s.at), timeZone, policy.quiet)).toBe(false);
        perDay.set(s.day, (perDay.get(s.day) ?? 0) + 1);
      }
      for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(policy.dailyCap);
    }
  });

  it("local wall-clock conversion round-trips across DST changes", () => {
    for (const tz of ZONES) {
      for (let d = 0; d < 365; d += 3) {
        const date = new Date(Date.UTC(2026, 0, 1 + d));
        const t = zonedToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 12, 15, tz);
        const p = localParts(t, tz);
        expect([p.hour, p.minute, p.day]).toEqual([12, 15, date.getUTCDate()]);
      }
    }
  });
});
