import { Readable } from "node:stream";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { ImportFileError } from "./types";

const SNIFF_BYTES = 64 * 1024;

/** True when the bytes are valid UTF-8 (a multi-byte sequence cut at the end is tolerated). */
function looksUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, lastCompleteUtf8(bytes)));
    return true;
  } catch {
    return false;
  }
}

function lastCompleteUtf8(b: Buffer): number {
  const i = b.length;
  for (let back = 1; back <= 3 && i - back >= 0; back++) {
    const byte = b[i - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) return i - back;
    break;
  }
  return i;
}

/**
 * Text of a byte stream, decoded incrementally: UTF-8 (with or without BOM) or, when the first 64 kB
 * are not valid UTF-8, GB18030 (what Chinese Excel writes as "CSV").
 */
export async function* decodeText(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const head: Buffer[] = [];
  let headBytes = 0;
  const it = input[Symbol.asyncIterator]();
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    headBytes += chunk.length;
  }
  const first = Buffer.concat(head);
  const utf8 = looksUtf8(first);
  const decoder = utf8 ? new TextDecoder("utf-8") : null;
  const gb = utf8 ? null : iconv.getDecoder("gb18030");
  const decode = (b: Buffer) => (decoder ? decoder.decode(b, { stream: true }) : gb!.write(b));
  yield decode(first);
  while (!done) {
    const next = await it.next();
    if (next.done) break;
    yield decode(typeof next.value === "string" ? Buffer.from(next.value) : next.value);
  }
  const tail = decoder ? decoder.decode() : (gb!.end() ?? "");
  if (tail) yield tail;
}

/** CSV rows, streamed (csv-parse), header included as row 1. Malformed CSV → a file-level error. */
export async function* csvRows(input: AsyncIterable<Buffer | string>): AsyncGenerator<{ rowNo: number; cells: string[] }> {
  const source = Readable.from(decodeText(input));
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  // pipe() does not forward errors: a failure while reading (e.g. over the size limit) must end the parser too.
  source.once("error", (error) => parser.destroy(error));
  let rowNo = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield { rowNo: ++rowNo, cells };
  } catch (error) {
    if (error instanceof Error && "code" in error && String(error.code).startsWith("CSV_")) throw new ImportFileError("csvMalformed", { line: rowNo + 1 });
    throw error;
  }
}
