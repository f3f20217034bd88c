// Reading the audit trail: filtered keyset pages (newest first by seq) and a CSV export.
// Scope: admins and auditors read every entry; an operator reads only the entries it made itself, since
// an entry about another provider's objects would reveal them (entries carry no provider column).
import type { Actor } from "@/lib/auth/actor";
import { verifyAuditChain, type AuditVerifyResult } from "@/lib/audit/audit";
import { getDb } from "@/lib/db/client";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { AuditListQuerySchema, type AuditListQuery } from "@/lib/domain/schemas/audit";
import { decodeCursor, encodeCursor, parseListQuery, type Page } from "./pagination";
import { csvCell } from "@/lib/domain/csv-cell";

export type AuditEntryDto = {
  id: string;
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actor: string;
  action: string;
  objectType: string;
  objectId: string | null;
  /** { before, after } with secrets already redacted when recorded */
  changes: unknown;
  requestId: string | null;
  hash: string;
};

const auditSelect = {
  id: true, seq: true, at: true, actorType: true, actorId: true, actor: true, action: true, objectType: true,
  objectId: true, changes: true, requestId: true, hash: true,
};

type AuditRow = {
  id: string; seq: number; at: Date; actorType: string; actorId: string | null; actor: string; action: string;
  objectType: string; objectId: string | null; changes: string | null; requestId: string | null; hash: string;
};

function parseChanges(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text; // a tampered row may hold anything; show it as text, verify will flag it
  }
}

function toAuditDto(r: AuditRow): AuditEntryDto {
  return { ...r, at: r.at.toISOString(), changes: parseChanges(r.changes) };
}

function auditScopeWhere(actor: Actor) {
  if (actor.kind === "system" || actor.role === "admin" || actor.role === "auditor") return {};
  // The type too: actorId alone is also a subscriber's id on subscriber entries.
  return { actorType: "user", actorId: actor.userId };
}

/** Whether this actor may see the whole trail (and so the chain status, which counts every entry). */
export function seesWholeAudit(actor: Actor): boolean {
  return actor.kind === "system" || actor.role === "admin" || actor.role === "auditor";
}

function cursorSeq(cursor: string | undefined): number | null {
  const key = decodeCursor(cursor, "seq");
  if (!key) return null;
  const seq = Number(key.v);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new ValidationError({ cursor: "cursor is invalid or belongs to another list" });
  return seq;
}

type Filters = ReturnType<typeof parseAuditQuery>;

function parseAuditQuery(query: AuditListQuery) {
  return parseListQuery(AuditListQuerySchema, query);
}

function whereOf(actor: Actor, f: Filters, beforeSeq: number | null) {
  return {
    AND: [
      auditScopeWhere(actor),
      beforeSeq !== null ? { seq: { lt: beforeSeq } } : {},
      f.actor ? { actor: { startsWith: f.actor } } : {},
      f.actorType ? { actorType: f.actorType } : {},
      f.actorId ? { actorId: f.actorId } : {},
      f.action ? { action: { startsWith: f.action } } : {},
      f.objectType ? { objectType: f.objectType } : {},
      f.objectId ? { objectId: f.objectId } : {},
      f.requestId ? { requestId: f.requestId } : {},
      f.from ? { at: { gte: f.from } } : {},
      f.to ? { at: { lt: f.to } } : {},
    ],
  };
}

/** Newest first. Filters: actor (label prefix), actorType, actorId, action (prefix), objectType, objectId, requestId, from, to. */
export async function listAudit(actor: Actor, query: AuditListQuery = {}): Promise<Page<AuditEntryDto>> {
  const f = parseAuditQuery(query);
  const rows = await getDb().auditEntry.findMany({
    where: whereOf(actor, f, cursorSeq(f.cursor)),
    orderBy: { seq: "desc" },
    take: f.limit + 1,
    select: auditSelect,
  });
  const more = rows.length > f.limit;
  const kept = more ? rows.slice(0, f.limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(toAuditDto), nextCursor: more && last ? encodeCursor({ k: "seq", v: String(last.seq), id: last.id }) : null };
}

const CSV_COLUMNS = ["seq", "at", "actorType", "actor", "actorId", "action", "objectType", "objectId", "requestId", "changes", "hash"] as const;

/** The filtered trail as CSV, oldest first, streamed in batches (cursor and limit are ignored). */
export function exportAuditCsv(actor: Actor, query: AuditListQuery = {}): ReadableStream<Uint8Array> {
  const f = parseAuditQuery({ ...query, cursor: undefined, limit: undefined });
  const encoder = new TextEncoder();
  let afterSeq = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
        return;
      }
      const where = whereOf(actor, f, null);
      const rows = await getDb().auditEntry.findMany({
        where: { AND: [where, { seq: { gt: afterSeq } }] },
        orderBy: { seq: "asc" },
        take: 1000,
        select: auditSelect,
      });
      if (!rows.length) {
        controller.close();
        return;
      }
      afterSeq = rows[rows.length - 1].seq;
      const lines = rows.map((r) => CSV_COLUMNS.map((c) => csvCell(c === "at" ? r.at.toISOString() : r[c])).join(",")).join("\r\n");
      controller.enqueue(encoder.encode(`${lines}\r\n`));
    },
  });
}

/** Parse the export query up front so a bad filter is a 422 before the 200 starts streaming. */
export function checkAuditQuery(query: AuditListQuery): void {
  parseAuditQuery({ ...query, cursor: undefined, limit: undefined });
}

/** The whole chain's status: admins and auditors only (the count covers every entry). */
export async function auditChainStatus(actor: Actor): Promise<AuditVerifyResult> {
  if (!seesWholeAudit(actor)) throw new ForbiddenError("only an admin or auditor may verify the whole audit trail");
  return verifyAuditChain(getDb());
}
