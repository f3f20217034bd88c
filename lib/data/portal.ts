// Portal reads. Each takes the subscriber id of the portal session (lib/auth/portal-session.ts) and
// filters every query by it: there is no parameter through which a subscriber could name another.
// DTOs carry no secret (no credential, password hash or invite token is ever selected).
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, iso, pageOf, type Page } from "./pagination";
import { inForceWhere } from "./agreements";

export type PortalHomeAgent = { name: string; address: string; fqdn: string };

export type PortalOverview = {
  id: string;
  nai: string;
  status: string;
  suspendedReason: string | null;
  msaProviderName: string;
  accessNai: string | null;
  asaProviderName: string | null;
  homeAddressPolicy: string;
  homeAgent: PortalHomeAgent | null;
  homeAddress: string | null;
  homePrefix: string | null;
  lastBootstrapAt: string | null;
  rebootstrapRequired: boolean;
  rebootstrapReason: string | null;
  rebootstrapAt: string | null;
};

const haSelect = { name: true, address: true, fqdn: true } as const;

export async function getPortalOverview(subscriberId: string): Promise<PortalOverview> {
  const db = getDb();
  const s = await db.subscriber.findUnique({
    where: { id: subscriberId },
    select: {
      id: true, nai: true, status: true, suspendedReason: true, accessNai: true, homeAddressPolicy: true, homeAgentId: true,
      lastBootstrapAt: true, rebootstrapRequired: true, rebootstrapReason: true, rebootstrapAt: true,
      msaProvider: { select: { name: true } },
      asaProvider: { select: { name: true } },
      lease: { select: { address: true, prefix: { select: { prefix: true } }, homeAgent: { select: haSelect } } },
    },
  });
  if (!s) throw new NotFoundError("subscriber");
  // The binding's HA is the lease's; a subscriber without a lease may still have a recorded binding HA.
  const homeAgent = s.lease?.homeAgent ?? (s.homeAgentId ? await db.homeAgent.findUnique({ where: { id: s.homeAgentId }, select: haSelect }) : null);
  return {
    id: s.id,
    nai: s.nai,
    status: s.status,
    suspendedReason: s.suspendedReason,
    msaProviderName: s.msaProvider.name,
    accessNai: s.accessNai,
    asaProviderName: s.asaProvider?.name ?? null,
    homeAddressPolicy: s.homeAddressPolicy,
    homeAgent,
    homeAddress: s.lease?.address ?? null,
    homePrefix: s.lease?.prefix.prefix ?? null,
    lastBootstrapAt: iso(s.lastBootstrapAt),
    rebootstrapRequired: s.rebootstrapRequired,
    rebootstrapReason: s.rebootstrapReason,
    rebootstrapAt: iso(s.rebootstrapAt),
  };
}

export type PortalSession = {
  id: string;
  createdAt: string;
  outcome: string;
  httpStatus: number;
  servingRealm: string;
  trigger: string;
  scenario: string | null;
  homeAddress: string | null;
  homePrefix: string | null;
};

export const PORTAL_SESSIONS_PAGE = 10;

/** The subscriber's own bootstrap sessions, newest first, keyset-paginated. */
export async function listPortalSessions(subscriberId: string, cursor?: string): Promise<Page<PortalSession>> {
  const rows = await getDb().bootstrapSession.findMany({
    where: { AND: [{ subscriberId }, afterCreatedAt(decodeCursor(cursor, "createdAt"))] },
    orderBy: NEWEST_FIRST,
    take: PORTAL_SESSIONS_PAGE + 1,
    select: { id: true, createdAt: true, outcome: true, httpStatus: true, servingRealm: true, trigger: true, scenario: true, homeAddress: true, homePrefix: true },
  });
  return pageOf(rows, PORTAL_SESSIONS_PAGE, createdAtKey, (r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export type PortalRoaming = {
  agreementId: string;
  kind: "network-access" | "mobility";
  providerName: string;
  /** realms of that provider: the access networks (network-access) or where a local HA may come from */
  realms: string[];
  validUntil: string | null;
  allowLocalHomeAgent: boolean;
};

/**
 * Where the subscriber can roam, judged now: network-access agreements in force from a serving ASP into
 * its ASA, and mobility agreements in force from an MSP with its MSA.
 */
export async function listPortalRoaming(subscriberId: string, now: Date = new Date()): Promise<PortalRoaming[]> {
  const db = getDb();
  const s = await db.subscriber.findUnique({ where: { id: subscriberId }, select: { msaProviderId: true, asaProviderId: true } });
  if (!s) throw new NotFoundError("subscriber");
  const applies = [
    { kind: "mobility", toProviderId: s.msaProviderId },
    ...(s.asaProviderId ? [{ kind: "network-access", toProviderId: s.asaProviderId }] : []),
  ];
  const rows = await db.agreement.findMany({
    where: { AND: [{ OR: applies }, inForceWhere(now)] },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true, kind: true, validUntil: true, allowLocalHomeAgent: true,
      fromProvider: { select: { name: true, realms: { select: { name: true }, orderBy: { name: "asc" } } } },
    },
  });
  return rows.map((a) => ({
    agreementId: a.id,
    kind: a.kind as PortalRoaming["kind"],
    providerName: a.fromProvider.name,
    realms: a.fromProvider.realms.map((r) => r.name),
    validUntil: iso(a.validUntil),
    allowLocalHomeAgent: a.allowLocalHomeAgent,
  }));
}

export type PortalMnConfig = {
  nai: string;
  bootstrapUrl: string;
  homeAgent: { address: string; fqdn: string } | null;
  homePrefix: string | null;
  homeAddress: string | null;
  homeAddressMode: string;
  ike: { idi: string; idr: string | null };
  note: string;
};

/** The MN's configuration as the bootstrap would give it (never the secret: the MN already holds it). */
export async function getPortalMnConfig(subscriberId: string, origin: string): Promise<PortalMnConfig> {
  const o = await getPortalOverview(subscriberId);
  return {
    nai: o.nai,
    bootstrapUrl: `${origin.replace(/\/+$/, "")}/api/bootstrap/v1`,
    homeAgent: o.homeAgent ? { address: o.homeAgent.address, fqdn: o.homeAgent.fqdn } : null,
    homePrefix: o.homePrefix,
    homeAddress: o.homeAddress,
    homeAddressMode: o.homeAddressPolicy,
    // spec/bootstrap-v1.md: IDi is the NAI, IDr the HA's FQDN.
    ike: { idi: o.nai, idr: o.homeAgent?.fqdn ?? null },
    note: "The root secret is not included: it is shown once when issued or rotated. The home agent and address are those of the last successful bootstrap.",
  };
}
