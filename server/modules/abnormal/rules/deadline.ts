import { addLocalDays, localDateOf, startOfLocalDay } from "@/server/shared/zoned-time";
import type { AbnormalClass } from "./abnormal-classes";

/** Calendar days a class-B item may stay open (专家共识 2019: B-class results are followed up within a week). */
export const CLASS_B_DAYS = 7;

/**
 * When an item falls due, as an exclusive instant: class A by the end of the calendar day on which
 * it was found, class B by the end of the 7th calendar day after — both in the tenant's time zone,
 * so a class-A result found at 23:00 Beijing time is due at midnight Beijing time, not UTC.
 */
export function abnormalDeadline(cls: AbnormalClass, foundAt: Date, timeZone: string): Date {
  const day = localDateOf(foundAt, timeZone);
  const lastDay = cls === "A" ? day : addLocalDays(day, CLASS_B_DAYS);
  return startOfLocalDay(addLocalDays(lastDay, 1), timeZone);
}

export function isOverdue(item: { status: string; dueAt: Date }, now: Date): boolean {
  return item.status === "open" && item.dueAt.getTime() <= now.getTime();
}
