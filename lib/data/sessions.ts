// Bootstrap session reads. An operator sees the sessions of its subscribers (MSA in scope); sessions
// with no known subscriber (unknown NAI) are visible to admins and auditors only.
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { SessionListQuerySchema, type SessionListQuery } from "@/lib/domain/schemas/list";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, iso, pageOf, parseListQuery, type Page } from "./pagination";
import { idInScope } from "./by-id";
import { startsWithExactly } from "@/lib/db/search";

export type SessionStep = { step: string; atMs: number; ok: boolean; detail?: string };

export type SessionDto = {
  id: string;
  subscriberId: string | null;
  nai: string;
  servingRealm: string;
  trigger: string;
  homeAddressMode: string;
  outcome: string;
  httpStatus: number;
  scenario: string | null;
  homeAgentId: string | null;
  homeAddress: string | null;
  homePrefix: string | null;
  keyName: string | null;
  expiresAt: string | null;
  sourceAddress: string | null;
  latencyMs: number;
  explanation: unknown;
  steps: SessionStep[] | null;
  createdAt: string;
};

const sessionSelect = {
  id: true,
  subscriberId: true,
  nai: true,
  servingRealm: true,
  trigger: true,
  homeAddressMode: true,
  outcome: true,
  httpStatus: true,
  scenario: true,
  homeAgentId: true,
  homeAddress: true,
  homePrefix: true,
  keyName: true,
  expiresAt: true,
  sourceAddress: true,
  latencyMs: true,
  explanation: true,
  steps: true,
  createdAt: true,
};

type SessionRow = Omit<SessionDto, "expiresAt" | "createdAt" | "explanation" | "steps"> & {
  expiresAt: Date | null;
  createdAt: Date;
  explanation: string | null;
  steps: string | null;
};

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function toSessionDto(s: SessionRow): SessionDto {
  return {
    ...s,
    expiresAt: iso(s.expiresAt),
    createdAt: s.createdAt.toISOString(),
    explanation: parseJson(s.explanation),
    steps: parseJson(s.steps) as SessionStep[] | null,
  };
}

export function sessionScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { msaProviderId: { in: scope } };
}

/** Newest first; `q` is the start of the NAI as sent by the MN. */
export async function listSessions(actor: Actor, query: SessionListQuery = {}): Promise<Page<SessionDto>> {
  const { limit, cursor, q, subscriberId, homeAgentId, outcome, scenario, from, to } = parseListQuery(SessionListQuerySchema, query);
  const rows = await getDb().bootstrapSession.findMany({
    where: {
      AND: [
        sessionScopeWhere(actor),
        afterCreatedAt(decodeCursor(cursor, "createdAt")),
        subscriberId ? { subscriberId } : {},
        homeAgentId ? { homeAgentId } : {},
        outcome ? { outcome } : {},
        scenario ? { scenario } : {},
        from ? { createdAt: { gte: from } } : {},
        to ? { createdAt: { lt: to } } : {},
        // Range on the (nai, createdAt) index; startsWith keeps it exact where collation is not byte order.
        q ? { nai: startsWithExactly(q) } : {},
      ],
    },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: sessionSelect,
  });
  return pageOf(rows, limit, createdAtKey, toSessionDto);
}

export async function getSession(actor: Actor, id: string): Promise<SessionDto> {
  const row = await getDb().bootstrapSession.findFirst({ where: idInScope(id, sessionScopeWhere(actor), "session"), select: sessionSelect });
  if (!row) throw new NotFoundError("session");
  return toSessionDto(row);
}
