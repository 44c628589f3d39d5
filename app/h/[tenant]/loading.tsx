import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/app/_components/ui/skeleton";

/** Shown inside the staff shell while a page's server data loads. */
export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">{t("loading")}</span>
      <Skeleton className="mb-2 h-8 w-64" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <Skeleton className="h-36" />
        <Skeleton className="h-36" />
        <Skeleton className="h-36" />
      </div>
      <Skeleton className="mt-6 h-64" />
    </div>
  );
}
