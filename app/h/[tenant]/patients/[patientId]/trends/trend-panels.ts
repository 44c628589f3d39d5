/** Multi-indicator views: indicators that are read together. Codes are the tenant catalogue's. */
export const TREND_PANELS = [
  { key: "lipids", codes: ["TC", "TG", "LDLC", "HDLC"] },
  { key: "bpWeight", codes: ["SBP", "DBP", "WEIGHT"] },
  { key: "glucose", codes: ["FPG", "PG2H", "HBA1C"] },
  { key: "liver", codes: ["ALT", "AST", "GGT"] },
  { key: "kidney", codes: ["CREA", "EGFR", "UA"] },
] as const;
export type TrendPanelKey = (typeof TREND_PANELS)[number]["key"];

/** The overview the page opens with; the series the trend warnings read are always among them. */
export const OVERVIEW_CODES = ["SBP", "DBP", "HR", "WEIGHT", "BMI", "FPG", "HBA1C", "TC", "TG", "LDLC", "HDLC", "ALT", "AST", "CREA", "EGFR", "UA", "HB", "PLT"];
