import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

/** What belongs here, and what to do now. Never a bare "no data". */
export function EmptyState({
  icon: Icon,
  title,
  description,
  children,
  className,
  headingLevel = 2,
}: {
  icon: LucideIcon;
  /** 1 when the empty state is the whole page. */
  headingLevel?: 1 | 2;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center", className)}>
      <span className="mb-4 flex size-12 items-center justify-center rounded-full bg-primary-50 text-primary-700">
        <Icon aria-hidden className="size-6" />
      </span>
      {headingLevel === 1 ? (
        <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      ) : (
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      )}
      {description ? <p className="mt-2 max-w-prose text-sm text-slate-600">{description}</p> : null}
      {children ? <div className="mt-5 w-full max-w-prose">{children}</div> : null}
    </div>
  );
}
