// Facts for the "in force now" matrix and the provider/agreement graph: the providers the actor may
// see (an operator: its own, plus the counterparties of its visible agreements) and their agreements.
// Bounded: the overview is a picture, the paginated list is the way through large numbers.
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { OverviewAgreement, OverviewProvider } from "@/lib/domain/agreement-overview";
import { agreementScopeWhere } from "./agreements";

export const OVERVIEW_LIMIT = 300;

export type AgreementOverviewFacts = {
  providers: (OverviewProvider & { realms: string[] })[];
  agreements: OverviewAgreement[];
  /** true when more providers or agreements exist than the overview shows */
  truncated: boolean;
};

export async function loadAgreementOverview(actor: Actor): Promise<AgreementOverviewFacts> {
  const db = getDb();
  const agreements = await db.agreement.findMany({
    where: { AND: [agreementScopeWhere(actor), { status: { not: "terminated" } }] },
    select: { id: true, kind: true, fromProviderId: true, toProviderId: true, status: true, validFrom: true, validUntil: true, allowLocalHomeAgent: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: OVERVIEW_LIMIT + 1,
  });
  const scope = providerScope(actor);
  const counterparties = [...new Set(agreements.flatMap((a) => [a.fromProviderId, a.toProviderId]))];
  const providers = await db.provider.findMany({
    where: scope === null ? {} : { id: { in: [...new Set([...scope, ...counterparties])] } },
    select: { id: true, name: true, roles: { select: { role: true } }, realms: { select: { name: true }, orderBy: { name: "asc" } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: OVERVIEW_LIMIT + 1,
  });
  return {
    providers: providers.slice(0, OVERVIEW_LIMIT).map((p) => ({ id: p.id, name: p.name, roles: p.roles.map((r) => r.role), realms: p.realms.map((r) => r.name) })),
    agreements: agreements.slice(0, OVERVIEW_LIMIT),
    truncated: agreements.length > OVERVIEW_LIMIT || providers.length > OVERVIEW_LIMIT,
  };
}
