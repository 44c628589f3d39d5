"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";

/** The new key, shown this once (only its hash is stored); closing the dialog forgets it. */
export function NewKeyDialog({ secret, onClose }: { secret: string; onClose: () => void }) {
  const t = useTranslations("results.apiKeys");
  const tc = useTranslations("common");
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  }
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-xl" title={t("secretTitle")} description={t("secretHint")} closeLabel={tc("close")}>
        <div className="space-y-3">
          <Alert tone="info">{t("secretOnce")}</Alert>
          <label className="block space-y-1 text-sm">
            <span className="font-medium text-slate-800">{t("secretLabel")}</span>
            <input readOnly value={secret} onFocus={(e) => e.target.select()} className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900" data-testid="new-api-key" />
          </label>
          <p className="text-xs text-slate-600">{t("usage")}</p>
        </div>
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={() => void copy()}>
            {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
            {copied ? t("copied") : t("copy")}
          </Button>
          <Button type="button" onClick={onClose}>
            {t("done")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
