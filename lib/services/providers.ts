// Provider mutations. Providers (their realms and roles) define who may provision what, so only admins
// change them; an operator asking about a provider outside its scope still gets 404, not 403.
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { withTx, type Tx } from "@/lib/db/tx";
import { ConflictError, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { ProviderCreateSchema, ProviderUpdateSchema } from "@/lib/domain/schemas/provider";
import { getProvider, type ProviderDto } from "@/lib/data/providers";
import { changedFields, describeReferences } from "./support";

/** A realm belongs to exactly one provider: name the owner in the conflict. */
async function checkRealmsFree(tx: Tx, names: string[], providerId: string | null): Promise<void> {
  if (!names.length) return;
  const taken = await tx.realm.findFirst({
    where: { name: { in: names }, ...(providerId ? { providerId: { not: providerId } } : {}) },
    select: { name: true, provider: { select: { name: true } } },
  });
  if (taken) {
    throw new ConflictError(`realm ${taken.name} already belongs to ${taken.provider.name}`, {
      realms: `realm ${taken.name} already belongs to provider ${taken.provider.name}`,
    });
  }
}

function mapUnique(e: unknown): never {
  if (!isUniqueViolation(e)) throw e;
  // Provider.name and Realm.name are both called "name": tell them apart by the model in the metadata.
  if (/realm/i.test(JSON.stringify((e as { meta?: unknown }).meta ?? {}))) {
    throw new ConflictError("a realm is already taken by another provider", { realms: "a realm is already taken by another provider" });
  }
  throw new ConflictError("a provider with this name already exists", { name: "a provider with this name already exists" });
}

export async function createProvider(actor: Actor, input: unknown): Promise<ProviderDto> {
  requireAdmin(actor);
  const data = parseInput(ProviderCreateSchema, input);
  try {
    return await withTx(async (tx) => {
      await checkRealmsFree(tx, data.realms.map((r) => r.name), null);
      const created = await tx.provider.create({
        data: {
          name: data.name,
          realms: { create: data.realms.map((r) => ({ name: r.name, region: r.region })) },
          roles: { create: data.roles.map((role) => ({ role })) },
        },
        select: { id: true },
      });
      const dto = await getProvider(actor, created.id, tx);
      await recordAudit(tx, actor, { action: "provider.create", objectType: "provider", objectId: dto.id, after: dto });
      return dto;
    });
  } catch (e) {
    mapUnique(e);
  }
}

/** What would break if these realms or roles went away: subscribers name realms, HAs need the MSP role. */
async function checkStillUsed(tx: Tx, before: ProviderDto, realms: string[] | undefined, roles: string[] | undefined) {
  if (realms) {
    for (const gone of before.realms.filter((r) => !realms.includes(r))) {
      const user = await tx.subscriber.findFirst({
        where: { OR: [{ msaProviderId: before.id, nai: { endsWith: `@${gone}` } }, { asaProviderId: before.id, accessNai: { endsWith: `@${gone}` } }] },
        select: { nai: true },
      });
      if (user) {
        throw new ConflictError(`realm ${gone} is still used by subscriber ${user.nai}`, {
          realms: `realm ${gone} is still used by subscribers (e.g. ${user.nai})`,
        });
      }
    }
  }
  if (roles) {
    const lost = before.roles.filter((r) => !roles.includes(r));
    const checks: [string, () => Promise<number>, string][] = [
      ["MSP", () => tx.homeAgent.count({ where: { providerId: before.id } }), "home agents"],
      ["MSA", () => tx.subscriber.count({ where: { msaProviderId: before.id } }), "subscribers (as MSA)"],
      ["ASA", () => tx.subscriber.count({ where: { asaProviderId: before.id } }), "subscribers (as ASA)"],
    ];
    for (const [role, count, what] of checks) {
      if (lost.includes(role as ProviderDto["roles"][number])) {
        const n = await count();
        if (n > 0) throw new ConflictError(`the ${role} role is still needed by ${n} ${what}`, { roles: `the ${role} role is still needed by ${n} ${what}` });
      }
    }
    // An agreement that is not terminated names this provider in a role (lib/domain/agreements.ts KIND_ROLES):
    // dropping that role would leave an agreement that can never be valid again.
    const sides: [string, string, "fromProviderId" | "toProviderId"][] = [
      ["ASP", "network-access", "fromProviderId"],
      ["ASA", "network-access", "toProviderId"],
      ["MSP", "mobility", "fromProviderId"],
      ["MSA", "mobility", "toProviderId"],
    ];
    for (const [role, kind, side] of sides) {
      if (!lost.includes(role as ProviderDto["roles"][number])) continue;
      const n = await tx.agreement.count({ where: { kind, [side]: before.id, status: { not: "terminated" } } });
      if (n > 0) {
        const msg = `the ${role} role is still needed by ${describeReferences([[n, `${kind} agreement`, `${kind} agreements`]])}; terminate ${n === 1 ? "it" : "them"} first`;
        throw new ConflictError(msg, { roles: msg });
      }
    }
  }
}

export async function updateProvider(actor: Actor, id: string, input: unknown): Promise<ProviderDto> {
  await getProvider(actor, id); // 404 before 403: never reveal an out-of-scope provider
  requireAdmin(actor);
  const data = parseInput(ProviderUpdateSchema, input);
  try {
    return await withTx(async (tx) => {
      const before = await getProvider(actor, id, tx);
      const realmNames = data.realms?.map((r) => r.name);
      await checkStillUsed(tx, before, realmNames, data.roles);
      if (data.realms) {
        await checkRealmsFree(tx, realmNames!, id);
        await tx.realm.deleteMany({ where: { providerId: id, name: { notIn: realmNames! } } });
        for (const r of data.realms) {
          await tx.realm.upsert({
            where: { name: r.name },
            create: { providerId: id, name: r.name, region: r.region },
            update: { region: r.region },
          });
        }
      }
      if (data.roles) {
        await tx.providerRole.deleteMany({ where: { providerId: id, role: { notIn: data.roles } } });
        for (const role of data.roles) {
          await tx.providerRole.upsert({ where: { providerId_role: { providerId: id, role } }, create: { providerId: id, role }, update: {} });
        }
      }
      // Touch the row so updatedAt moves even when only realms or roles changed.
      await tx.provider.update({ where: { id }, data: { name: data.name ?? before.name, updatedAt: new Date() } });
      const after = await getProvider(actor, id, tx);
      await recordAudit(tx, actor, { action: "provider.update", objectType: "provider", objectId: id, ...changedFields(before, after) });
      return after;
    });
  } catch (e) {
    mapUnique(e);
  }
}

/** 409 naming what still references the provider; realms, roles and user scopes go with it. */
export async function deleteProvider(actor: Actor, id: string): Promise<void> {
  await getProvider(actor, id);
  requireAdmin(actor);
  await withTx(async (tx) => {
    const before = await getProvider(actor, id, tx);
    const refs = describeReferences([
      [await tx.homeAgent.count({ where: { providerId: id } }), "home agent", "home agents"],
      [await tx.subscriber.count({ where: { msaProviderId: id } }), "subscriber (as MSA)", "subscribers (as MSA)"],
      [await tx.subscriber.count({ where: { asaProviderId: id } }), "subscriber (as ASA)", "subscribers (as ASA)"],
      [await tx.agreement.count({ where: { OR: [{ fromProviderId: id }, { toProviderId: id }] } }), "agreement", "agreements"],
      [await tx.prefixAggregate.count({ where: { providerId: id } }), "prefix aggregate", "prefix aggregates"],
      // Deleting it would silently shrink (or empty) these operators' scope.
      [await tx.userProvider.count({ where: { providerId: id } }), "operator scope", "operator scopes"],
    ]);
    if (refs) throw new ConflictError(`provider ${before.name} is still referenced by ${refs}`);
    await tx.provider.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "provider.delete", objectType: "provider", objectId: id, before });
  });
}
