import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./client";

export type Tx = Prisma.TransactionClient;

function isRetryable(e: unknown): boolean {
  const err = e as { code?: string; meta?: unknown; message?: string; cause?: unknown };
  // A concurrent audit append took the same sequence number: redo the whole transaction.
  if (err?.code === "P2002" && JSON.stringify(err.meta ?? "").includes("seq")) return true;
  // PostgreSQL serialization failure / deadlock; SQLite busy (another process holds the write lock).
  if (err?.code === "P2034") return true;
  const text = `${err?.message ?? ""} ${JSON.stringify(err?.meta ?? "")}`;
  return /40001|40P01|SQLITE_BUSY|database is locked/i.test(text);
}

/**
 * Options for every interactive transaction. Prisma's defaults (2 s to get a connection, 5 s to run) are
 * too short for a burst on PostgreSQL, where a transaction holds one of the pool's connections (a bare
 * `$transaction(fn)` under 50 simultaneous bootstraps failed with "Unable to start a transaction in the
 * given time").
 */
export const TX_OPTIONS = { maxWait: 15000, timeout: 30000 } as const;

/**
 * Run `fn` in one database transaction, retried a few times on transient conflicts.
 * Everything a mutation writes (rows and its audit entry) commits or rolls back together.
 */
export async function withTx<T>(fn: (tx: Tx) => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  let attempt = 0;
  for (;;) {
    try {
      return await getDb().$transaction(fn, { ...TX_OPTIONS, timeout: opts.timeoutMs ?? TX_OPTIONS.timeout });
    } catch (e) {
      if (attempt++ < 6 && isRetryable(e)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw e;
    }
  }
}
