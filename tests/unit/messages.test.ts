import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(process.cwd(), "messages");
const LOCALES = ["zh-CN", "en"] as const;

function load(locale: string, file: string): unknown {
  return JSON.parse(readFileSync(path.join(root, locale, file), "utf8"));
}

/** `{ a: { b: "x" } }` → [["a.b", "x"]]; anything that is not an object or a string is kept as is to fail below. */
function flatten(value: unknown, prefix = ""): [string, unknown][] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, value]];
}

/** ICU argument names used by a message: "{count, plural, …}" and "{digest}" → count, digest. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

const files = readdirSync(path.join(root, "zh-CN")).filter((f) => f.endsWith(".json")).sort();

describe("message catalogues", () => {
  it("both locales have the same files", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(readdirSync(path.join(root, "en")).filter((f) => f.endsWith(".json")).sort()).toEqual(files);
  });

  it.each(files)("%s: same keys in both locales, every value a non-empty string with the same placeholders", (file) => {
    const [zh, en] = LOCALES.map((l) => new Map(flatten(load(l, file))));
    expect([...en!.keys()].sort()).toEqual([...zh!.keys()].sort());
    for (const [key, zhValue] of zh!) {
      const enValue = en!.get(key);
      for (const [locale, value] of [
        ["zh-CN", zhValue],
        ["en", enValue],
      ] as const) {
        expect([file, locale, key, typeof value === "string" && value.trim().length > 0]).toEqual([file, locale, key, true]);
      }
      expect([file, key, placeholders(String(enValue))]).toEqual([file, key, placeholders(String(zhValue))]);
    }
  });
});
