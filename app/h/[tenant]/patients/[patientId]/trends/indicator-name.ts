/** The indicator's name in the UI language (catalogue names are Chinese; English when the catalogue has one). */
export function indicatorName(s: { name: string; nameEn: string | null }, locale: string): string {
  return locale === "en" && s.nameEn ? s.nameEn : s.name;
}
