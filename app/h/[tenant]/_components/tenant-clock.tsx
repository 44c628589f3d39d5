"use client";

import { useEffect, useState } from "react";
import { formatDate, formatTime, formatWeekday } from "@/app/_components/format";

/** Today's date and the time in the tenant's time zone, refreshed every 20 s. */
export function TenantClock({ initialIso, locale, timeZone, caption }: { initialIso: string; locale: string; timeZone: string; caption: string }) {
  const [now, setNow] = useState(() => new Date(initialIso));
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 20_000);
    return () => clearInterval(id);
  }, []);
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-right shadow-sm">
      <p className="text-xs text-slate-600">{caption}</p>
      <p className="mt-0.5 text-sm font-medium text-slate-900" suppressHydrationWarning>
        {formatDate(now, locale, timeZone)} · {formatWeekday(now, locale, timeZone)}
      </p>
      <p className="text-2xl font-semibold tabular-nums text-primary-800" suppressHydrationWarning>
        <time dateTime={now.toISOString()}>{formatTime(now, locale, timeZone)}</time>
      </p>
    </div>
  );
}
