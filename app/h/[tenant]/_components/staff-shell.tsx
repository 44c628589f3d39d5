"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import {
  BookOpenCheck,
  ClipboardList,
  FlaskConical,
  LayoutDashboard,
  Menu,
  PhoneCall,
  Settings,
  ShieldCheck,
  Users,
  Workflow,
  X,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { cn } from "@/app/_components/ui/cn";
import type { NavKey } from "../_lib/navigation";

const ICONS: Record<NavKey, LucideIcon> = {
  dashboard: LayoutDashboard,
  patients: Users,
  followups: PhoneCall,
  results: FlaskConical,
  forms: ClipboardList,
  rules: Workflow,
  privacy: ShieldCheck,
  research: BookOpenCheck,
  settings: Settings,
};

export interface ShellNavItem {
  key: NavKey;
  href: string;
  label: string;
  group: "work" | "governance";
}

interface ShellProps {
  appName: string;
  tenantName: string;
  nav: ShellNavItem[];
  groupLabels: { work: string; governance: string };
  labels: { main: string; openMenu: string; closeMenu: string; skip: string };
  topBar: ReactNode;
  children: ReactNode;
}

function isActive(pathname: string, item: ShellNavItem, home: string) {
  return item.key === "dashboard" ? pathname === home : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

function NavList({ nav, groupLabels, pathname, home, label, onNavigate }: { nav: ShellNavItem[]; groupLabels: ShellProps["groupLabels"]; pathname: string; home: string; label: string; onNavigate?: () => void }) {
  return (
    <nav aria-label={label} className="flex-1 overflow-y-auto px-3 py-4">
      {(["work", "governance"] as const).map((group) => {
        const items = nav.filter((i) => i.group === group);
        if (items.length === 0) return null;
        return (
          <div key={group} className="mb-5">
            <p className="mb-1.5 px-2 text-xs font-medium tracking-wide text-slate-500">{groupLabels[group]}</p>
            <ul className="space-y-0.5">
              {items.map((item) => {
                const Icon = ICONS[item.key];
                const active = isActive(pathname, item, home);
                return (
                  <li key={item.key}>
                    <Link
                      href={item.href}
                      onClick={onNavigate}
                      aria-current={active ? "page" : undefined}
                      className={cn(
                        "flex h-9 items-center gap-2.5 rounded-md px-2 text-sm font-medium transition-colors",
                        active ? "bg-primary-50 text-primary-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                      )}
                    >
                      <Icon aria-hidden className={cn("size-4 shrink-0", active ? "text-primary-700" : "text-slate-500")} />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

function Brand({ appName, tenantName }: { appName: string; tenantName: string }) {
  return (
    <div className="flex h-14 shrink-0 items-center gap-2.5 border-b border-slate-200 px-5">
      <span aria-hidden className="flex size-7 items-center justify-center rounded-md bg-primary-600 text-sm font-bold text-white">
        康
      </span>
      <span className="min-w-0">
        <span className="block text-sm font-semibold text-slate-900">{appName}</span>
        <span className="block truncate text-xs text-slate-500">{tenantName}</span>
      </span>
    </div>
  );
}

/** Staff chrome: sidebar on md and wider, a drawer (focus-trapped dialog) below md, sticky top bar. */
export function StaffShell({ appName, tenantName, nav, groupLabels, labels, topBar, children }: ShellProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const home = nav.find((n) => n.key === "dashboard")?.href ?? "/";
  useEffect(() => setOpen(false), [pathname]);

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only z-[70] rounded-md bg-white px-3 py-2 text-sm font-medium text-primary-800 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {labels.skip}
      </a>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-60 flex-col border-r border-slate-200 bg-white md:flex">
        <Brand appName={appName} tenantName={tenantName} />
        <NavList nav={nav} groupLabels={groupLabels} pathname={pathname} home={home} label={labels.main} />
      </aside>

      <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
          <DialogPrimitive.Content aria-describedby={undefined} className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl focus:outline-none md:hidden">
            <DialogPrimitive.Title className="sr-only">{labels.main}</DialogPrimitive.Title>
            <div className="relative">
              <Brand appName={appName} tenantName={tenantName} />
              <DialogPrimitive.Close className="absolute top-3 right-3 rounded-md p-1.5 text-slate-500 hover:bg-slate-100" aria-label={labels.closeMenu}>
                <X aria-hidden className="size-5" />
              </DialogPrimitive.Close>
            </div>
            <NavList nav={nav} groupLabels={groupLabels} pathname={pathname} home={home} label={labels.main} onNavigate={() => setOpen(false)} />
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>

      <div className="flex min-h-screen min-w-0 flex-col md:pl-60">
        <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/95 px-3 backdrop-blur supports-[backdrop-filter]:bg-white/80 md:px-6">
          <button
            type="button"
            onClick={() => setOpen(true)}
            className="inline-flex size-10 shrink-0 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 md:hidden"
            aria-label={labels.openMenu}
            aria-expanded={open}
          >
            <Menu aria-hidden className="size-5" />
          </button>
          {topBar}
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
