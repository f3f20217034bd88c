// Provider aggregate mutations and the "next free /64" allocator. Aggregates of different providers
// never overlap; home link prefixes carved here are ordinary HomePrefix rows linked by aggregateId.
import type { Actor } from "@/lib/auth/actor";
import { inScope, requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { withTx, type Tx } from "@/lib/db/tx";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { parsePrefix } from "@/lib/domain/ipv6";
import { nextFreeSlash64, slash64Text } from "@/lib/domain/aggregate";
import { parseInput } from "@/lib/domain/schemas/parse";
import { AggregateAllocateSchema, AggregateCreateSchema } from "@/lib/domain/schemas/aggregate";
import { getAggregate, prefixRangesIn, type AggregateDto } from "@/lib/data/aggregates";
import { getPrefix, type PrefixDto } from "@/lib/data/prefixes";
import { serializeOn } from "./support";

export async function createAggregate(actor: Actor, input: unknown): Promise<AggregateDto> {
  requireWrite(actor);
  const data = parseInput(AggregateCreateSchema, input);
  const p = parsePrefix(data.prefix);
  if (!p.ok) throw new ValidationError({ prefix: p.message });
  try {
    return await withTx(async (tx) => {
      await serializeOn(tx, "prefix-aggregates");
      const provider = inScope(actor, data.providerId)
        ? await tx.provider.findUnique({ where: { id: data.providerId }, select: { id: true } })
        : null;
      if (!provider) throw new ValidationError({ providerId: "no such provider" });
      const clash = await tx.prefixAggregate.findFirst({
        where: { startHex: { lte: p.endHex }, endHex: { gte: p.startHex } },
        select: { prefix: true },
      });
      if (clash) throw new ConflictError(`overlaps the existing aggregate ${clash.prefix}`, { prefix: `overlaps the existing aggregate ${clash.prefix}` });
      const created = await tx.prefixAggregate.create({
        data: { providerId: data.providerId, prefix: p.canonical, length: p.length, startHex: p.startHex, endHex: p.endHex },
        select: { id: true },
      });
      // Home link prefixes that already lie inside now belong to it.
      await tx.homePrefix.updateMany({
        where: { aggregateId: null, startHex: { gte: p.startHex }, endHex: { lte: p.endHex } },
        data: { aggregateId: created.id },
      });
      const dto = await getAggregate(actor, created.id, tx);
      await recordAudit(tx, actor, { action: "aggregate.create", objectType: "aggregate", objectId: dto.id, after: dto });
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError("this aggregate already exists", { prefix: "this aggregate already exists" });
    throw e;
  }
}

/** An aggregate with home link prefixes carved from it cannot go: they would lose their provenance silently. */
export async function deleteAggregate(actor: Actor, id: string): Promise<void> {
  await getAggregate(actor, id);
  requireWrite(actor);
  await withTx(async (tx) => {
    const before = await getAggregate(actor, id, tx);
    if (before.homePrefixes > 0) {
      throw new ConflictError(`aggregate ${before.prefix} still holds ${before.homePrefixes} home link prefix${before.homePrefixes === 1 ? "" : "es"}`);
    }
    await tx.prefixAggregate.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "aggregate.delete", objectType: "aggregate", objectId: id, before });
  });
}

/** The aggregate (if any) that contains a prefix: used to link home prefixes created by hand. */
export async function aggregateContaining(tx: Tx, startHex: string, endHex: string, providerId?: string, field = "prefix"): Promise<string | null> {
  const row = await tx.prefixAggregate.findFirst({ where: { startHex: { lte: startHex }, endHex: { gte: endHex } }, select: { id: true, providerId: true } });
  // A home prefix inside another provider's aggregate would take that provider's space, count in its
  // utilisation and be skipped by its next-free allocator: refused (the message names no provider).
  if (row && providerId !== undefined && row.providerId !== providerId) {
    const message = "inside an address aggregate of another provider";
    throw new ConflictError(message, { [field]: message });
  }
  return row?.id ?? null;
}

/**
 * Carve the lowest free /64 of the aggregate as an active home link prefix of `homeAgentId`.
 * Serialised on the same lock as prefix creation, so the overlap rule holds against concurrent writers.
 * 409 when no /64 is left.
 */
export async function allocateNextSlash64(actor: Actor, aggregateId: string, input: unknown): Promise<PrefixDto> {
  await getAggregate(actor, aggregateId);
  requireWrite(actor);
  const data = parseInput(AggregateAllocateSchema, input);
  return withTx(async (tx) => {
    await serializeOn(tx, "home-prefixes");
    const agg = await tx.prefixAggregate.findUniqueOrThrow({ where: { id: aggregateId }, select: { prefix: true, length: true, startHex: true, endHex: true } });
    const ha = await tx.homeAgent.findUnique({ where: { id: data.homeAgentId }, select: { providerId: true } });
    if (!ha || !inScope(actor, ha.providerId)) throw new ValidationError({ homeAgentId: "no such home agent" });
    const used = await prefixRangesIn(tx, agg.startHex, agg.endHex);
    const network = nextFreeSlash64({ network: BigInt(`0x${agg.startHex}`), length: agg.length }, used);
    if (network === null) throw new ConflictError(`aggregate ${agg.prefix} has no free /64 left`, undefined, "aggregate_full");
    const s = slash64Text(network);
    const created = await tx.homePrefix.create({
      data: { homeAgentId: data.homeAgentId, prefix: s.canonical, length: 64, startHex: s.startHex, endHex: s.endHex, state: "active", aggregateId },
      select: { id: true },
    });
    const dto = await getPrefix(actor, created.id, tx);
    await recordAudit(tx, actor, { action: "prefix.create", objectType: "prefix", objectId: dto.id, after: { ...dto, aggregate: agg.prefix } });
    return dto;
  });
}
