// Small helpers shared by the services.
import type { Tx } from "@/lib/db/tx";
import { isUniqueViolation } from "@/lib/errors";

/**
 * Serialise transactions that check-then-insert where no unique constraint can express the rule
 * (e.g. "no two prefixes overlap"). Writing one well-known row first takes a row lock on PostgreSQL
 * until commit, and on SQLite takes the write lock up front (a waiting writer then waits for the busy
 * timeout instead of failing on a read-to-write lock upgrade). Portable: no advisory locks, no raw SQL.
 */
export async function serializeOn(tx: Tx, name: string): Promise<void> {
  const key = `lock:${name}`;
  await tx.setting.upsert({ where: { key }, create: { key, value: "1" }, update: { value: "1" } });
}

/**
 * Which of `fields` a unique-constraint violation (P2002) is about. Prisma reports the target in
 * different shapes depending on the driver adapter, so search the whole metadata.
 */
export function uniqueViolationOn(e: unknown, fields: string[]): string | null {
  if (!isUniqueViolation(e)) return null;
  const meta = JSON.stringify((e as { meta?: unknown }).meta ?? {}) + String((e as { message?: string }).message ?? "");
  // Longest names first, so "accessNai" is not mistaken for "nai".
  for (const f of [...fields].sort((a, b) => b.length - a.length)) {
    if (new RegExp(`\\b${f}\\b`).test(meta)) return f;
  }
  return null;
}

/** "3 home agents, 1 subscriber" — for 409 messages that name what still references an object. */
export function describeReferences(counts: [number, string, string][]): string {
  return counts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(", ");
}

/** Shallow diff for audit entries: only the fields that changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (k === "updatedAt") continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}
