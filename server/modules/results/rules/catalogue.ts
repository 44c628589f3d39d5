import type { IndicatorValueType } from "@/db/types/tenant";
import type { DefaultRange } from "./ranges";
import type { UnitConversion } from "./units";

/** One indicator with its default ranges and unit conversions, as the writer and importers use it. */
export interface CatalogueEntry {
  id: string;
  code: string;
  loinc: string | null;
  nameZh: string;
  nameEn: string;
  category: string;
  unit: string;
  valueType: IndicatorValueType;
  decimals: number;
  plausibleMin: number | null;
  plausibleMax: number | null;
  normalValues: string[];
  active: boolean;
  ranges: DefaultRange[];
  conversions: UnitConversion[];
}

/** Lookup of the tenant's catalogue by id, code, LOINC or name (zh/en), case-insensitive. */
export class Catalogue {
  private readonly byId = new Map<string, CatalogueEntry>();
  private readonly byKey = new Map<string, CatalogueEntry>();

  constructor(readonly entries: readonly CatalogueEntry[]) {
    for (const e of entries) {
      this.byId.set(e.id, e);
      // Names first, codes last: a code always wins over a name that happens to look like it.
      for (const k of [e.nameEn, e.nameZh, e.loinc ? `loinc:${e.loinc}` : null, e.code]) if (k) this.byKey.set(k.trim().toLowerCase(), e);
    }
  }

  get(id: string): CatalogueEntry | undefined {
    return this.byId.get(id);
  }

  /** By catalogue code or name ("FPG", "空腹血糖", "Fasting plasma glucose"). */
  find(codeOrName: string): CatalogueEntry | undefined {
    return this.byKey.get(codeOrName.trim().toLowerCase());
  }

  byLoinc(loinc: string): CatalogueEntry | undefined {
    return this.byKey.get(`loinc:${loinc.trim().toLowerCase()}`);
  }

  /** A coded result (HL7 OBX-3, FHIR coding): LOINC when the system says so, else the local code or name. */
  resolveCoding(codings: readonly { system?: string | null; code?: string | null; display?: string | null }[]): CatalogueEntry | undefined {
    for (const c of codings) if (c.code && c.system && /loinc|^LN$/i.test(c.system)) {
      const hit = this.byLoinc(c.code);
      if (hit) return hit;
    }
    for (const c of codings) {
      const hit = (c.code && (this.find(c.code) ?? this.byLoinc(c.code))) || (c.display && this.find(c.display));
      if (hit) return hit;
    }
    return undefined;
  }
}
