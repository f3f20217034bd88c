// Loads what lib/domain/scenario.ts needs to decide: the MSA with its roles, the provider serving the
// realm the MN is attached at (with its region, used for HA tie-breaking) and the agreements in play.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ScenarioInput, ScenarioProvider } from "@/lib/domain/scenario";
import type { AuthSubscriber } from "./authenticate";

const PROVIDER_SELECT = { id: true, name: true, roles: { select: { role: true } } } as const;

function toProvider(p: { id: string; name: string; roles: { role: string }[] } | null): ScenarioProvider | null {
  return p ? { id: p.id, name: p.name, roles: p.roles.map((r) => r.role) } : null;
}

export async function loadScenarioInput(
  db: PrismaClient,
  subscriber: AuthSubscriber,
  servingRealm: string,
  now: Date,
): Promise<{ input: ScenarioInput; servingRegion: string | null }> {
  const [msa, realm] = await Promise.all([
    db.provider.findUnique({ where: { id: subscriber.msaProviderId }, select: PROVIDER_SELECT }),
    servingRealm === ""
      ? Promise.resolve(null)
      : db.realm.findUnique({ where: { name: servingRealm }, select: { region: true, provider: { select: PROVIDER_SELECT } } }),
  ]);
  const providerIds = [subscriber.msaProviderId, ...(realm ? [realm.provider.id] : [])];
  const agreements = await db.agreement.findMany({
    where: { OR: [{ fromProviderId: { in: providerIds } }, { toProviderId: { in: providerIds } }] },
    select: {
      id: true, kind: true, fromProviderId: true, toProviderId: true, status: true, validFrom: true, validUntil: true, allowLocalHomeAgent: true,
    },
  });
  // Names for the explanation of agreements with providers other than the two loaded above.
  const otherIds = [...new Set(agreements.flatMap((a) => [a.fromProviderId, a.toProviderId]))].filter((id) => !providerIds.includes(id));
  const others = otherIds.length > 0 ? await db.provider.findMany({ where: { id: { in: otherIds } }, select: { id: true, name: true } }) : [];
  const providerNames: Record<string, string> = Object.fromEntries(others.map((p) => [p.id, p.name]));
  if (msa) providerNames[msa.id] = msa.name;
  if (realm) providerNames[realm.provider.id] = realm.provider.name;
  return {
    input: {
      subscriber: { id: subscriber.id, msaProviderId: subscriber.msaProviderId, asaProviderId: subscriber.asaProviderId },
      msa: toProvider(msa),
      servingRealm,
      servingProvider: toProvider(realm?.provider ?? null),
      agreements,
      providerNames,
      now,
    },
    servingRegion: realm?.region ?? null,
  };
}
