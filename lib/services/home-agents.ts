// Home agent mutations. An HA belongs to an MSP in the actor's scope; taking it out of service flags
// the MNs bound to it for re-bootstrap (DOMAIN.md: a draining HA takes no new MNs and moves its MNs).
import type { Actor } from "@/lib/auth/actor";
import { inScope, requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { withTx, type Tx } from "@/lib/db/tx";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { HomeAgentCreateSchema, HomeAgentUpdateSchema } from "@/lib/domain/schemas/home-agent";
import { getHomeAgent, type HomeAgentDto } from "@/lib/data/home-agents";
import { changedFields, describeReferences, uniqueViolationOn } from "./support";

const UNIQUE_MESSAGES: Record<string, string> = {
  fqdn: "another home agent already has this FQDN",
  address: "another home agent already has this address",
  name: "this provider already has a home agent with this name",
};

function mapUnique(e: unknown): never {
  const field = uniqueViolationOn(e, ["fqdn", "address", "name"]);
  if (field) throw new ConflictError(UNIQUE_MESSAGES[field], { [field]: UNIQUE_MESSAGES[field] });
  if (isUniqueViolation(e)) throw new ConflictError("a home agent with these details already exists");
  throw e;
}

/** The owning provider must be visible to the actor and hold the MSP role (HAs are run by MSPs). */
async function checkMsp(tx: Tx, actor: Actor, providerId: string): Promise<void> {
  const provider = inScope(actor, providerId)
    ? await tx.provider.findUnique({ where: { id: providerId }, select: { roles: { select: { role: true } } } })
    : null;
  if (!provider) throw new ValidationError({ providerId: "no such provider" });
  if (!provider.roles.some((r) => r.role === "MSP")) {
    throw new ValidationError({ providerId: "this provider does not hold the MSP role, so it cannot run home agents" });
  }
}

const HOA_MESSAGE = "this address is a subscriber's home address (leased or provisioned as a static home address)";

/**
 * An HA's address must never be a home address (spec "Home address rules"): refuse one that is leased
 * as a HoA or provisioned to a subscriber as its static HoA. The bootstrap also never hands out an HA
 * address, so a race between the two still cannot serve one address as both.
 */
async function checkNotHomeAddress(tx: Tx, address: string): Promise<void> {
  const [lease, provisioned] = await Promise.all([
    tx.hoaLease.findUnique({ where: { address }, select: { id: true } }),
    tx.subscriber.findFirst({ where: { staticHomeAddress: address }, select: { id: true } }),
  ]);
  if (lease || provisioned) throw new ConflictError(HOA_MESSAGE, { address: HOA_MESSAGE });
}

/** Flag every MN bound to the HA; returns how many were flagged. */
async function flagBoundSubscribers(tx: Tx, homeAgentId: string): Promise<number> {
  const r = await tx.subscriber.updateMany({
    where: { homeAgentId },
    data: { rebootstrapRequired: true, rebootstrapReason: "home-agent", rebootstrapAt: new Date() },
  });
  return r.count;
}

export async function createHomeAgent(actor: Actor, input: unknown): Promise<HomeAgentDto> {
  requireWrite(actor);
  const data = parseInput(HomeAgentCreateSchema, input);
  try {
    return await withTx(async (tx) => {
      await checkMsp(tx, actor, data.providerId);
      await checkNotHomeAddress(tx, data.address);
      const created = await tx.homeAgent.create({ data, select: { id: true } });
      const dto = await getHomeAgent(actor, created.id, tx);
      await recordAudit(tx, actor, { action: "home-agent.create", objectType: "home-agent", objectId: dto.id, after: dto });
      return dto;
    });
  } catch (e) {
    mapUnique(e);
  }
}

/**
 * PATCH. Moving to "draining" (or "out-of-service") flags the HA's MNs with reason `home-agent`; the
 * out-of-service case is included because those MNs have even more reason to move.
 */
export async function updateHomeAgent(actor: Actor, id: string, input: unknown): Promise<HomeAgentDto> {
  await getHomeAgent(actor, id);
  requireWrite(actor);
  const data = parseInput(HomeAgentUpdateSchema, input);
  try {
    return await withTx(async (tx) => {
      const before = await getHomeAgent(actor, id, tx);
      if (data.address && data.address !== before.address) await checkNotHomeAddress(tx, data.address);
      await tx.homeAgent.update({ where: { id }, data });
      let flagged = 0;
      if (data.state && data.state !== before.state && data.state !== "in-service") flagged = await flagBoundSubscribers(tx, id);
      const after = await getHomeAgent(actor, id, tx);
      const diff = changedFields(before, after);
      await recordAudit(tx, actor, {
        action: "home-agent.update",
        objectType: "home-agent",
        objectId: id,
        before: diff.before,
        after: flagged ? { ...diff.after, flaggedForRebootstrap: flagged } : diff.after,
      });
      return after;
    });
  } catch (e) {
    mapUnique(e);
  }
}

/** 409 while prefixes, bindings or pinned subscribers still hang off the HA. */
export async function deleteHomeAgent(actor: Actor, id: string): Promise<void> {
  await getHomeAgent(actor, id);
  requireWrite(actor);
  await withTx(async (tx) => {
    const before = await getHomeAgent(actor, id, tx);
    const refs = describeReferences([
      [await tx.homePrefix.count({ where: { homeAgentId: id } }), "home link prefix", "home link prefixes"],
      [before.activeBindings, "active binding", "active bindings"],
      [await tx.subscriber.count({ where: { pinnedHomeAgentId: id } }), "subscriber pinned to it", "subscribers pinned to it"],
    ]);
    if (refs) throw new ConflictError(`home agent ${before.name} is still referenced by ${refs}`);
    await tx.homeAgent.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "home-agent.delete", objectType: "home-agent", objectId: id, before });
  });
}
