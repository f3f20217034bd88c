// Roaming agreement reads. An operator sees the agreements with at least one side in its scope
// (spec/api-v1.md); anything else is "not found". Whether an agreement is in force is computed at
// request time from its status and window, never stored (a window that ends mid-day ends mid-day).
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { startsWithIgnoringCase } from "@/lib/db/search";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { agreementState, isAgreementInForce, type AgreementKind, type AgreementStatus } from "@/lib/domain/agreements";
import { AgreementListQuerySchema, type AgreementListQuery } from "@/lib/domain/schemas/agreement";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, iso, pageOf, parseListQuery, type Page } from "./pagination";
import { idInScope } from "./by-id";

export type AgreementDto = {
  id: string;
  kind: AgreementKind;
  fromProviderId: string;
  fromProviderName: string;
  toProviderId: string;
  toProviderName: string;
  status: AgreementStatus;
  validFrom: string;
  validUntil: string | null;
  allowLocalHomeAgent: boolean;
  /** computed now: "in force", or the status, or "not yet valid" / "expired" for an active one outside its window */
  state: string;
  inForce: boolean;
  createdAt: string;
  updatedAt: string;
};

export const agreementSelect = {
  id: true,
  kind: true,
  fromProviderId: true,
  toProviderId: true,
  status: true,
  validFrom: true,
  validUntil: true,
  allowLocalHomeAgent: true,
  createdAt: true,
  updatedAt: true,
  fromProvider: { select: { name: true } },
  toProvider: { select: { name: true } },
};

type AgreementRow = {
  id: string;
  kind: string;
  fromProviderId: string;
  toProviderId: string;
  status: string;
  validFrom: Date;
  validUntil: Date | null;
  allowLocalHomeAgent: boolean;
  createdAt: Date;
  updatedAt: Date;
  fromProvider: { name: string };
  toProvider: { name: string };
};

export function toAgreementDto(a: AgreementRow, now: Date = new Date()): AgreementDto {
  return {
    id: a.id,
    kind: a.kind as AgreementKind,
    fromProviderId: a.fromProviderId,
    fromProviderName: a.fromProvider.name,
    toProviderId: a.toProviderId,
    toProviderName: a.toProvider.name,
    status: a.status as AgreementStatus,
    validFrom: a.validFrom.toISOString(),
    validUntil: iso(a.validUntil),
    allowLocalHomeAgent: a.allowLocalHomeAgent,
    state: agreementState(a, now),
    inForce: isAgreementInForce(a, now),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** `where` fragment: agreements with one side in the actor's scope. */
export function agreementScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { OR: [{ fromProviderId: { in: scope } }, { toProviderId: { in: scope } }] };
}

/** Prisma condition for "in force at `now`" (the same rule as isAgreementInForce). */
export function inForceWhere(now: Date) {
  return { status: "active", validFrom: { lte: now }, OR: [{ validUntil: null }, { validUntil: { gt: now } }] };
}

function notInForceWhere(now: Date) {
  return { OR: [{ status: { not: "active" } }, { validFrom: { gt: now } }, { validUntil: { lte: now } }] };
}

/** Newest first; filters kind, status, providerId (either side), inForce; `q` matches the start of either provider's name. */
export async function listAgreements(actor: Actor, query: AgreementListQuery = {}, now: Date = new Date()): Promise<Page<AgreementDto>> {
  const { limit, cursor, q, kind, status, providerId, inForce } = parseListQuery(AgreementListQuerySchema, query);
  const rows = await getDb().agreement.findMany({
    where: {
      AND: [
        agreementScopeWhere(actor),
        afterCreatedAt(decodeCursor(cursor, "createdAt")),
        kind ? { kind } : {},
        status ? { status } : {},
        providerId ? { OR: [{ fromProviderId: providerId }, { toProviderId: providerId }] } : {},
        inForce === undefined ? {} : inForce ? inForceWhere(now) : notInForceWhere(now),
        q ? { OR: [{ fromProvider: { name: startsWithIgnoringCase(q) } }, { toProvider: { name: startsWithIgnoringCase(q) } }] } : {},
      ],
    },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: agreementSelect,
  });
  return pageOf(rows, limit, createdAtKey, (r) => toAgreementDto(r, now));
}

export async function getAgreement(actor: Actor, id: string, db: Tx = getDb(), now: Date = new Date()): Promise<AgreementDto> {
  // An empty id must not turn into "no filter" (Prisma ignores undefined conditions).
  if (!id) throw new NotFoundError("agreement");
  const row = await db.agreement.findFirst({ where: idInScope(id, agreementScopeWhere(actor), "agreement"), select: agreementSelect });
  if (!row) throw new NotFoundError("agreement");
  return toAgreementDto(row, now);
}
