// Home link prefix mutations. Prefixes never overlap (one address, one home link), checked through the
// startHex/endHex range index inside the same transaction as the insert.
import type { Actor } from "@/lib/auth/actor";
import { inScope, requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { withTx, type Tx } from "@/lib/db/tx";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { parsePrefix } from "@/lib/domain/ipv6";
import { parseInput } from "@/lib/domain/schemas/parse";
import { PrefixCreateSchema, PrefixUpdateSchema } from "@/lib/domain/schemas/prefix";
import { getPrefix, type PrefixDto } from "@/lib/data/prefixes";
import { changedFields, describeReferences, serializeOn } from "./support";
import { aggregateContaining } from "./aggregates";

/** The serving HA must exist and belong to an MSP in the actor's scope. */
async function checkHomeAgent(tx: Tx, actor: Actor, homeAgentId: string): Promise<{ providerId: string }> {
  const ha = await tx.homeAgent.findUnique({ where: { id: homeAgentId }, select: { providerId: true } });
  if (!ha || !inScope(actor, ha.providerId)) throw new ValidationError({ homeAgentId: "no such home agent" });
  return ha;
}

async function checkNoOverlap(tx: Tx, startHex: string, endHex: string): Promise<void> {
  // Two ranges overlap exactly when each starts before the other ends.
  const clash = await tx.homePrefix.findFirst({
    where: { startHex: { lte: endHex }, endHex: { gte: startHex } },
    select: { prefix: true },
  });
  if (clash) {
    throw new ConflictError(`overlaps the existing home link prefix ${clash.prefix}`, {
      prefix: `overlaps the existing home link prefix ${clash.prefix}`,
    });
  }
}

export async function createPrefix(actor: Actor, input: unknown): Promise<PrefixDto> {
  requireWrite(actor);
  const data = parseInput(PrefixCreateSchema, input);
  const p = parsePrefix(data.prefix);
  if (!p.ok) throw new ValidationError({ prefix: p.message });
  try {
    return await withTx(async (tx) => {
      await serializeOn(tx, "home-prefixes");
      const ha = await checkHomeAgent(tx, actor, data.homeAgentId);
      await checkNoOverlap(tx, p.startHex, p.endHex);
      const aggregateId = await aggregateContaining(tx, p.startHex, p.endHex, ha.providerId);
      const created = await tx.homePrefix.create({
        data: { homeAgentId: data.homeAgentId, prefix: p.canonical, length: p.length, startHex: p.startHex, endHex: p.endHex, state: data.state, aggregateId },
        select: { id: true },
      });
      const dto = await getPrefix(actor, created.id, tx);
      await recordAudit(tx, actor, { action: "prefix.create", objectType: "prefix", objectId: dto.id, after: dto });
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError("this prefix already exists", { prefix: "this prefix already exists" });
    throw e;
  }
}

/**
 * PATCH homeAgentId and/or state. A prefix with home addresses in use can neither move to another HA
 * (the bindings live on the current one) nor be retired here (renumbering does that with its drain phase).
 */
export async function updatePrefix(actor: Actor, id: string, input: unknown): Promise<PrefixDto> {
  await getPrefix(actor, id);
  requireWrite(actor);
  const data = parseInput(PrefixUpdateSchema, input);
  return withTx(async (tx) => {
    const before = await getPrefix(actor, id, tx);
    if (data.homeAgentId && data.homeAgentId !== before.homeAgentId) {
      const ha = await checkHomeAgent(tx, actor, data.homeAgentId);
      const row = await tx.homePrefix.findUniqueOrThrow({ where: { id }, select: { startHex: true, endHex: true } });
      await aggregateContaining(tx, row.startHex, row.endHex, ha.providerId); // not onto another provider's space
      if (before.assigned > 0) {
        throw new ConflictError(`${before.assigned} home addresses in ${before.prefix} are in use on the current home agent`, {
          homeAgentId: "cannot move a prefix whose home addresses are in use",
        });
      }
    }
    if (data.state && data.state !== before.state) {
      // A renumbering drives the states of its old and new prefix (draining, then retired).
      const renumbering = await tx.renumbering.findFirst({
        where: { state: { in: ["planned", "announced"] }, OR: [{ oldPrefixId: id }, { newPrefixId: id }] },
        select: { id: true },
      });
      if (renumbering) {
        throw new ConflictError(`${before.prefix} is part of a renumbering in progress; complete it instead`, { state: "the renumbering sets this prefix's state" });
      }
    }
    if (data.state === "retired" && before.state !== "retired" && before.assigned > 0) {
      throw new ConflictError(`${before.assigned} home addresses in ${before.prefix} are still assigned; renumber first`, {
        state: "cannot retire a prefix whose home addresses are still assigned",
      });
    }
    await tx.homePrefix.update({ where: { id }, data: { homeAgentId: data.homeAgentId, state: data.state } });
    const after = await getPrefix(actor, id, tx);
    await recordAudit(tx, actor, { action: "prefix.update", objectType: "prefix", objectId: id, ...changedFields(before, after) });
    return after;
  });
}

export async function deletePrefix(actor: Actor, id: string): Promise<void> {
  await getPrefix(actor, id);
  requireWrite(actor);
  await withTx(async (tx) => {
    const before = await getPrefix(actor, id, tx);
    const refs = describeReferences([
      [before.assigned, "assigned home address", "assigned home addresses"],
      // A cancelled plan reached no MN: it holds no space (planned, announced and completed ones do).
      [await tx.renumbering.count({ where: { state: { not: "cancelled" }, OR: [{ oldPrefixId: id }, { newPrefixId: id }] } }), "renumbering", "renumberings"],
    ]);
    if (refs) throw new ConflictError(`prefix ${before.prefix} is still referenced by ${refs}`);
    // Cancelled plans let go of it: as a new prefix the reference is cleared; a cancelled plan OF this
    // prefix cannot outlive it (its old prefix is required), so it goes, as recorded in the audit log.
    await tx.renumbering.updateMany({ where: { state: "cancelled", newPrefixId: id }, data: { newPrefixId: null } });
    const gone = await tx.renumbering.findMany({ where: { state: "cancelled", oldPrefixId: id }, select: { id: true, oldPrefix: true, newPrefix: true, createdAt: true } });
    if (gone.length) {
      await tx.renumbering.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
      for (const r of gone) await recordAudit(tx, actor, { action: "renumbering.delete", objectType: "renumbering", objectId: r.id, before: { ...r, state: "cancelled", reason: `prefix ${before.prefix} deleted` } });
    }
    await tx.homePrefix.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "prefix.delete", objectType: "prefix", objectId: id, before });
  });
}
