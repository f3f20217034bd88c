// The subscriber import file (spec/api-v1.md POST /api/v1/subscribers/import): a CSV whose header names
// the subscriber POST fields plus an optional `secret`. Pure: no I/O. Each row is later validated with the
// same zod schema as the form and the JSON API (lib/domain/schemas/subscriber.ts).
// csv-parse does the RFC 4180 work (quoted fields with commas, doubled quotes and line breaks, CRLF, a
// UTF-8 BOM); hand-rolled splitting gets exactly those cases wrong.
import { parse } from "csv-parse/sync";
import { parseSubscriberNai } from "@/lib/domain/nai";

export const IMPORT_FIELDS = [
  "nai", "msaProviderId", "accessNai", "asaProviderId", "homeAddressPolicy", "staticHomeAddress", "pinnedHomeAgentId", "status",
] as const;
export const IMPORT_COLUMNS: readonly string[] = [...IMPORT_FIELDS, "secret"];
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

/** One data row: `line` is its record number in the file, the header being line 1 (as a spreadsheet numbers rows). */
export type ImportRow = { line: number; values: Record<string, string>; duplicateOf?: number };

export type ParsedImport =
  | { ok: true; rows: ImportRow[] }
  | { ok: false; message: string; fields: Record<string, string> };

const fail = (field: string, message: string): ParsedImport => ({ ok: false, message, fields: { [field]: message } });

/**
 * Header checks (unknown or repeated column, no `nai` column), the row limit, and NAIs repeated inside
 * the file (every repeat after the first is marked, so it becomes a row error and the first still imports).
 */
export function parseImportCsv(text: string): ParsedImport {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (e) {
    const message = e instanceof Error ? e.message : "unreadable CSV";
    return fail("file", `the file is not valid CSV: ${message}`);
  }
  if (!records.length) return fail("file", "the file is empty; the first line must name the columns");
  const header = records[0].map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (!IMPORT_COLUMNS.includes(h)) return fail(h || "header", `unknown column "${h}" (allowed: ${IMPORT_COLUMNS.join(", ")})`);
    if (seen.has(h)) return fail(h, `column "${h}" appears twice`);
    seen.add(h);
  }
  if (!seen.has("nai")) return fail("nai", "the header has no nai column");
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return fail("file", `the file has ${records.length - 1} rows; at most ${MAX_IMPORT_ROWS} per import`);
  }
  const firstLineOf = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      const cell = records[i][j];
      // An empty cell means "not given", so the schema's defaults apply as they do for a form.
      if (cell !== undefined && cell.trim() !== "") values[h] = cell;
    });
    const row: ImportRow = { line: i + 1, values };
    if (records[i].length > header.length) row.values._extra = String(records[i].length - header.length);
    const nai = values.nai === undefined ? null : parseSubscriberNai(values.nai);
    if (nai?.ok) {
      const first = firstLineOf.get(nai.nai);
      if (first === undefined) firstLineOf.set(nai.nai, row.line);
      else row.duplicateOf = first;
    }
    rows.push(row);
  }
  return { ok: true, rows };
}
