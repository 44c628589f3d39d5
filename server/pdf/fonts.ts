import { createRequire } from "node:module";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

/**
 * Chinese text needs a full TrueType font: react-pdf's built-in fonts are Latin only, woff2 renders
 * blank glyphs and Debian's .ttc collections are refused. Noto Sans SC ships as TTFs on npm; react-pdf
 * embeds only the glyphs a document uses (a subset), so a report stays small.
 */
export const REPORT_FONT = "NotoSansSC";

const require = createRequire(path.join(process.cwd(), "package.json"));
const ttf = (weight: string) => require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;

// Punctuation that must not start a line (禁则): it stays glued to the character before it.
const NO_LINE_START = /[，。、；：！？）」』》〉】,.;:!?)%]/;

/** Break opportunities between CJK characters, keeping closing punctuation with its predecessor. */
export function cjkBreaks(word: string): string[] {
  const parts: string[] = [];
  for (const ch of Array.from(word)) {
    if (parts.length && NO_LINE_START.test(ch)) parts[parts.length - 2] += ch;
    else parts.push(ch, "");
  }
  return parts;
}

let registered = false;

export function registerReportFonts(): void {
  if (registered) return;
  Font.register({
    family: REPORT_FONT,
    fonts: [
      { src: ttf("400Regular"), fontWeight: 400 },
      { src: ttf("500Medium"), fontWeight: 500 },
      { src: ttf("700Bold"), fontWeight: 700 },
    ],
  });
  // react-pdf breaks lines only at spaces; Chinese has none, so every CJK character becomes a break
  // opportunity (the empty strings stop react-pdf from inserting a hyphen there).
  Font.registerHyphenationCallback((word) => (CJK.test(word) ? cjkBreaks(word) : [word]));
  registered = true;
}
