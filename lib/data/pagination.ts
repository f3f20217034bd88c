// Keyset pagination shared by every list: an opaque cursor (base64url JSON of the last row's sort key)
// instead of OFFSET, so page N costs the same as page 1 at a million rows, and no COUNT(*) on the hot path.
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/domain/schemas/parse";

export { DEFAULT_LIMIT, MAX_LIMIT } from "@/lib/domain/schemas/list";

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Parse a list query with extra filters; bad values become a 422 with per-field messages. */
export function parseListQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new ValidationError(fieldErrorsOf(r.error));
  return r.data;
}

/** A cursor names the sort key it was made for, so a cursor from another ordering is refused, not misread. */
export type CursorKey = { k: string; v: string; id: string };

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined, expectedKind: string): CursorKey | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorKey>;
    if (parsed && parsed.k === expectedKind && typeof parsed.v === "string" && typeof parsed.id === "string") {
      return parsed as CursorKey;
    }
  } catch {
    // fall through: an unreadable cursor is the caller's input error
  }
  throw new ValidationError({ cursor: "cursor is invalid or belongs to another list" });
}

/**
 * Keyset condition for "newest first" order (createdAt desc, id desc): rows strictly after the cursor row.
 * Backed by the @@index([createdAt, id]) (or a scope-prefixed variant) on every listed model.
 */
export function afterCreatedAt(cursor: CursorKey | null) {
  if (!cursor) return {};
  const at = new Date(cursor.v);
  if (Number.isNaN(at.getTime())) throw new ValidationError({ cursor: "cursor is invalid or belongs to another list" });
  // The redundant `createdAt <= at` gives the planner a range to seek to; with the OR alone SQLite
  // scans the index from the newest row and skips, which makes deep pages O(offset).
  return { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: cursor.id } }] };
}

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/**
 * Fetch limit+1 rows to learn whether there is a next page without counting, then build the cursor
 * from the last row kept.
 */
export function pageOf<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  key: (row: R) => { k: string; v: string },
  toDto: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(toDto),
    nextCursor: more && last ? encodeCursor({ ...key(last), id: last.id }) : null,
  };
}

export const createdAtKey = (row: { createdAt: Date }) => ({ k: "createdAt", v: row.createdAt.toISOString() });

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
