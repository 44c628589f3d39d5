"use client";

import { LogOut, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";

/** Name, role and sign out. `signOutAction` is the auth server action (a form action, so it works without JS too). */
export function UserMenu({
  name,
  email,
  roleLabel,
  signOutAction,
  tone = "light",
}: {
  name: string;
  email: string;
  roleLabel: string;
  signOutAction: (formData: FormData) => void | Promise<void>;
  /** "dark" for the operator header. */
  tone?: "light" | "dark";
}) {
  const t = useTranslations("common");
  const initial = name.trim().slice(0, 1).toUpperCase() || "?";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={
          tone === "dark"
            ? "inline-flex h-10 items-center gap-2 rounded-md py-1 pr-2 pl-1 text-left text-sm hover:bg-slate-800 focus-visible:outline-white"
            : "inline-flex h-10 items-center gap-2 rounded-md py-1 pr-2 pl-1 text-left text-sm hover:bg-slate-100"
        }
        aria-label={`${t("userMenu")}: ${name}, ${roleLabel}`}
      >
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-primary-600 text-sm font-semibold text-white">
          {initial}
        </span>
        <span className="hidden min-w-0 flex-col leading-tight lg:flex">
          <span className={tone === "dark" ? "max-w-40 truncate font-medium text-white" : "max-w-40 truncate font-medium text-slate-900"}>{name}</span>
          <span className={tone === "dark" ? "max-w-40 truncate text-xs text-slate-300" : "max-w-40 truncate text-xs text-slate-600"}>{roleLabel}</span>
        </span>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-64">
        <DropdownMenuLabel className="flex items-start gap-2 py-2">
          <UserRound aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
          <span className="min-w-0">
            <span className="block text-xs text-slate-500">{t("signedInAs")}</span>
            <span className="block truncate text-sm font-medium text-slate-900">{name}</span>
            <span className="block truncate text-xs text-slate-600">{email}</span>
            <span className="mt-1 inline-block rounded bg-primary-50 px-1.5 py-0.5 text-xs font-medium text-primary-800">{roleLabel}</span>
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <form action={signOutAction}>
          <DropdownMenuItem asChild onSelect={(e) => e.preventDefault()}>
            <button type="submit" className="w-full">
              <LogOut aria-hidden className="size-4" />
              {t("signOut")}
            </button>
          </DropdownMenuItem>
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
