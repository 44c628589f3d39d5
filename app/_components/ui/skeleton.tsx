import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** Placeholder block shown while data loads; hidden from assistive technology (announce loading elsewhere). */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-slate-200/80", className)} {...props} />;
}
