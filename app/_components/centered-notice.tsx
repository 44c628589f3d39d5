import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./language-switch";

/** Full-page notice (404, errors, suspended organisation) with the brand and a language switch. */
export function CenteredNotice({
  appName,
  icon: Icon,
  tone = "neutral",
  title,
  children,
  actions,
}: {
  appName: string;
  icon: LucideIcon;
  tone?: "neutral" | "attention";
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-14 items-center justify-between px-4 sm:px-6">
        <span className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <span aria-hidden className="flex size-7 items-center justify-center rounded-md bg-primary-600 text-sm font-bold text-white">
            康
          </span>
          {appName}
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-center justify-center px-4 pb-16">
        <div className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
          <span
            className={
              tone === "attention"
                ? "mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-amber-50 text-amber-800"
                : "mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-primary-50 text-primary-700"
            }
          >
            <Icon aria-hidden className="size-6" />
          </span>
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {children ? <div className="mt-3 text-sm text-slate-600">{children}</div> : null}
          {actions ? <div className="mt-6 flex flex-col justify-center gap-2 sm:flex-row">{actions}</div> : null}
        </div>
      </main>
    </div>
  );
}
