// Small helpers shared by the services.
import { isUniqueViolation } from "@/lib/errors";

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
