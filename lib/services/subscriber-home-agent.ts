// Which home agents may serve a subscriber, for the pinned HA and the static HoA of a subscriber.
// An HA serves a subscriber only when its provider is the subscriber's MSA holding the MSP role, or an
// MSP with a mobility agreement with that MSA that is not terminated (RFC 4640 §9.1: the MSA authorizes
// mobility service, an MSP provides it). The HA must also be visible to the actor: a pinned HA or a
// static HoA the actor cannot see is answered exactly like one that does not exist, so the fields do not
// reveal other providers' HA ids, prefixes or leases.
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/tx";
import { parseAddress } from "@/lib/domain/ipv6";
import { checkStaticHomeAddress } from "@/lib/domain/home-address";

export const NO_SUCH_HOME_AGENT = "no such home agent";
export const NOT_IN_A_PREFIX = "the address is not inside any home link prefix";

/** Provider ids whose HAs may serve subscribers of this MSA (see the file comment). */
export async function servingProviderIds(tx: Tx, msaProviderId: string): Promise<Set<string>> {
  const [msa, agreements] = await Promise.all([
    tx.provider.findUnique({ where: { id: msaProviderId }, select: { id: true, roles: { select: { role: true } } } }),
    tx.agreement.findMany({
      where: { kind: "mobility", toProviderId: msaProviderId, status: { not: "terminated" }, fromProvider: { roles: { some: { role: "MSP" } } } },
      select: { fromProviderId: true },
    }),
  ]);
  const out = new Set(agreements.map((a) => a.fromProviderId));
  if (msa?.roles.some((r) => r.role === "MSP")) out.add(msa.id);
  return out;
}

/** null when the pinned HA may serve the subscriber; otherwise the field message. */
export async function pinnedHomeAgentProblem(tx: Tx, actor: Actor, msaProviderId: string, homeAgentId: string): Promise<string | null> {
  const ha = await tx.homeAgent.findUnique({ where: { id: homeAgentId }, select: { name: true, providerId: true, provider: { select: { name: true } } } });
  if (!ha || !inScope(actor, ha.providerId)) return NO_SUCH_HOME_AGENT;
  if (!(await servingProviderIds(tx, msaProviderId)).has(ha.providerId)) {
    // Visible to the actor, so naming it reveals nothing.
    return `${ha.name} belongs to ${ha.provider.name}, which is not the subscriber's MSA-run MSP and has no mobility agreement with its MSA`;
  }
  return null;
}

/**
 * A static HoA must sit inside an active home link prefix of an HA that can serve the subscriber and
 * that the actor can see (of the pinned HA, when the subscriber is pinned: the address fixes the home
 * link and so its HA), and not be a reserved or HA address. A prefix the actor cannot see or whose HA
 * cannot serve the subscriber answers like no prefix at all, before anything says whether the address
 * is in use. A draining prefix is being renumbered away: its addresses go to no one new.
 */
export async function staticAddressProblem(
  tx: Tx,
  actor: Actor,
  msaProviderId: string,
  address: string,
  pinnedHomeAgentId: string | null,
): Promise<string | null> {
  const a = parseAddress(address);
  if (!a.ok) return a.message;
  const prefix = await tx.homePrefix.findFirst({
    where: { startHex: { lte: a.hex }, endHex: { gte: a.hex } },
    orderBy: { length: "desc" },
    select: { prefix: true, length: true, startHex: true, state: true, homeAgentId: true, homeAgent: { select: { name: true, providerId: true } } },
  });
  if (!prefix || !inScope(actor, prefix.homeAgent.providerId)) return NOT_IN_A_PREFIX;
  if (!(await servingProviderIds(tx, msaProviderId)).has(prefix.homeAgent.providerId)) {
    return `${prefix.prefix} is served by ${prefix.homeAgent.name}, whose provider cannot serve subscribers of this MSA`;
  }
  if (prefix.state !== "active") return `${prefix.prefix} is ${prefix.state}: its addresses are not assigned to anyone new`;
  if (pinnedHomeAgentId && prefix.homeAgentId !== pinnedHomeAgentId) {
    return `${prefix.prefix} is served by ${prefix.homeAgent.name}, not by the subscriber's pinned home agent`;
  }
  const reason = checkStaticHomeAddress(a.value, { network: BigInt(`0x${prefix.startHex}`), length: prefix.length });
  if (reason) return reason;
  if (await tx.homeAgent.findFirst({ where: { address: a.canonical }, select: { id: true } })) return "this is a home agent's address";
  return null;
}
