import type { TenantDb } from "@/db/tenant";
import { Catalogue, type CatalogueEntry } from "./rules/catalogue";

/** The tenant's whole indicator catalogue (≈50 rows + ranges + units): three queries. */
export async function loadCatalogue(db: TenantDb): Promise<Catalogue> {
  const [indicators, ranges, units] = await Promise.all([
    db.selectFrom("indicators").selectAll().orderBy("sort_order").orderBy("code").execute(),
    db.selectFrom("indicator_ranges").selectAll().execute(),
    db.selectFrom("indicator_units").selectAll().execute(),
  ]);
  const entries = new Map<string, CatalogueEntry>();
  for (const i of indicators) {
    entries.set(i.id, {
      id: i.id,
      code: i.code,
      loinc: i.loinc,
      nameZh: i.name_zh,
      nameEn: i.name_en,
      category: i.category,
      unit: i.unit,
      valueType: i.value_type,
      decimals: i.decimals,
      plausibleMin: i.plausible_min,
      plausibleMax: i.plausible_max,
      normalValues: i.normal_values,
      active: i.active,
      ranges: [],
      conversions: [],
    });
  }
  for (const r of ranges) {
    entries.get(r.indicator_id)?.ranges.push({
      sex: r.sex,
      ageMin: r.age_min,
      ageMax: r.age_max,
      low: r.low,
      high: r.high,
      criticalLow: r.critical_low,
      criticalHigh: r.critical_high,
    });
  }
  for (const u of units) entries.get(u.indicator_id)?.conversions.push({ unit: u.unit, factor: u.factor, shift: u.shift });
  return new Catalogue([...entries.values()]);
}
