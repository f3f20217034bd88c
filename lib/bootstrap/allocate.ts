// Home address allocation inside one transaction. The HoaLease unique constraints (one lease per
// subscriber, one subscriber per address) are the real guarantee of RFC 4640 §9.1; the checks here only
// avoid pointless conflicts. A unique violation from a concurrent bootstrap rolls the whole transaction
// back (PostgreSQL cannot continue an aborted transaction), and the allocation runs again.
import type { Prisma } from "@/lib/generated/prisma/client";
import { withTx } from "@/lib/db/tx";
import { isUniqueViolation } from "@/lib/errors";
import { addressHex, parseAddress, prefixContains, valueToAddress } from "@/lib/domain/ipv6";
import {
  stableCandidate, randomCandidate, reservedHomeAddressReason, isScannable, firstFreeAddress, type HomeAddressMode, type HomePrefixValue,
} from "@/lib/domain/home-address";
import { serializeOn } from "@/lib/services/support";
import { activeRenumberingTarget, plannedAddressHolder } from "@/lib/services/renumbering-reservations";
import { homeAddressSecret } from "./iid-secret";
import { markRenumberingMigration, plannedRenumberedAddress } from "./renumbering";

type Tx = Prisma.TransactionClient;

/** Hashed (or random) candidates tried per prefix before a small prefix is scanned. RFC 7217 uses 3. */
const CANDIDATES_PER_PREFIX = 16;
const TX_ATTEMPTS = 6;

export type AllocationInput = {
  subscriberId: string;
  nai: string;
  mode: HomeAddressMode;
  homeAgent: { id: string };
  /** false for an operator's pin, which is honoured whatever the HA's load (lib/domain/ha-selection.ts) */
  enforceCapacity?: boolean;
  staticHomeAddress: string | null;
  staticPrefixId: string | null;
  now: Date;
  leaseExpiresAt: Date;
};

export type Allocation =
  | { ok: true; address: string; prefix: string; prefixId: string; kept: boolean; because: string[] }
  | { ok: false; because: string[]; homeAgentFull?: boolean };

class NoAddress extends Error {
  constructor(readonly because: string[]) {
    super("no home address");
  }
}

/** The chosen HA filled up between its selection (outside the transaction) and this transaction. */
class HomeAgentFull extends Error {
  constructor(readonly because: string[]) {
    super("home agent full");
  }
}

/**
 * HA capacity as a hard limit: HA selection reads the loads outside any transaction, so simultaneous
 * bootstraps could all see the last free slot. A lease that binds the subscriber to an HA it is not
 * already on counts that HA's other leases again here, serialised per HA (a row lock on PostgreSQL; on
 * SQLite the transaction holds the write lock). Re-bootstraps on the same HA skip it: they add no load.
 */
async function checkCapacity(tx: Tx, homeAgentId: string, subscriberId: string, currentHomeAgentId: string | null): Promise<void> {
  if (currentHomeAgentId === homeAgentId) return;
  await serializeOn(tx, `ha-capacity:${homeAgentId}`);
  const ha = await tx.homeAgent.findUnique({ where: { id: homeAgentId }, select: { name: true, capacity: true } });
  const load = await tx.hoaLease.count({ where: { homeAgentId, subscriberId: { not: subscriberId } } });
  if (!ha || load >= ha.capacity) {
    throw new HomeAgentFull([`${ha?.name ?? "the home agent"} reached its capacity of ${ha?.capacity ?? 0} bindings while this bootstrap was served`]);
  }
}

type PrefixRow = { id: string; prefix: string; length: number; startHex: string; endHex: string };

function prefixValue(p: PrefixRow): HomePrefixValue {
  return { network: BigInt(`0x${p.startHex}`), length: p.length, canonical: p.prefix };
}

async function isFree(tx: Tx, value: bigint, prefix: HomePrefixValue, haAddresses: Set<bigint>, subscriberId: string): Promise<boolean> {
  if (reservedHomeAddressReason(value, prefix) !== null || haAddresses.has(value)) return false;
  const text = valueToAddress(value);
  const lease = await tx.hoaLease.findUnique({ where: { address: text }, select: { id: true } });
  if (lease) return false;
  // Another subscriber's provisioned static HoA stays free for that subscriber.
  const owner = await tx.subscriber.findFirst({ where: { staticHomeAddress: text, id: { not: subscriberId } }, select: { id: true } });
  if (owner) return false;
  // So does another subscriber's planned new address while its renumbering is planned or announced.
  return (await plannedAddressHolder(tx, text, subscriberId)) === null;
}

async function pickAddress(tx: Tx, p: PrefixRow, input: AllocationInput, haAddresses: Set<bigint>): Promise<bigint | null> {
  const prefix = prefixValue(p);
  const secret = input.mode === "dynamic" ? homeAddressSecret() : null;
  for (let counter = 0; counter < CANDIDATES_PER_PREFIX; counter++) {
    const v = secret ? stableCandidate(secret, prefix, input.nai, counter) : randomCandidate(prefix);
    if (await isFree(tx, v, prefix, haAddresses, input.subscriberId)) return v;
  }
  if (!isScannable(prefix)) return null;
  // A small prefix may be nearly full: look at every address instead of guessing.
  const leased = await tx.hoaLease.findMany({
    where: { addressHex: { gte: p.startHex, lte: p.endHex } },
    select: { addressHex: true },
  });
  const taken = new Set<bigint>([...haAddresses, ...leased.map((l) => BigInt(`0x${l.addressHex}`))]);
  for (;;) {
    const v = firstFreeAddress(prefix, taken);
    if (v === null) return null;
    if (await isFree(tx, v, prefix, haAddresses, input.subscriberId)) return v;
    taken.add(v);
  }
}

async function haAddressValues(tx: Tx): Promise<Set<bigint>> {
  // Never hand out an HA's own address (spec "Home address rules"); HAs are few.
  const rows = await tx.homeAgent.findMany({ select: { address: true } });
  const out = new Set<bigint>();
  for (const r of rows) {
    const a = parseAddress(r.address);
    if (a.ok) out.add(a.value);
  }
  return out;
}

async function allocateOnce(tx: Tx, input: AllocationInput): Promise<Extract<Allocation, { ok: true }>> {
  const because: string[] = [];
  let prefixes = await tx.homePrefix.findMany({
    where: input.staticPrefixId ? { id: input.staticPrefixId, state: "active" } : { homeAgentId: input.homeAgent.id, state: "active" },
    select: { id: true, prefix: true, length: true, startHex: true, endHex: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (prefixes.length === 0) throw new NoAddress(["the home agent has no active home link prefix"]);
  // A member of an announced renumbering on this HA lands in the new prefix and nowhere else: its planned
  // address (static/dynamic) or a fresh privacy address there, never another active prefix of the HA.
  const renumbering = await activeRenumberingTarget(tx, input.subscriberId);
  let plannedTarget: { address: string; prefix: PrefixRow } | null = null;
  if (renumbering) {
    const target = await tx.homePrefix.findUnique({
      where: { id: renumbering.newPrefixId },
      select: { id: true, prefix: true, length: true, startHex: true, endHex: true, state: true, homeAgentId: true },
    });
    if (target && target.homeAgentId === input.homeAgent.id) {
      if (target.state !== "active") throw new NoAddress([`the subscriber is being renumbered to ${target.prefix}, which is ${target.state}`]);
      const row: PrefixRow = { id: target.id, prefix: target.prefix, length: target.length, startHex: target.startHex, endHex: target.endHex };
      prefixes = [row];
      if (renumbering.newAddress) plannedTarget = { address: renumbering.newAddress, prefix: row };
    }
  }
  const existing = await tx.hoaLease.findUnique({
    where: { subscriberId: input.subscriberId },
    select: { id: true, address: true, kind: true, prefixId: true, homeAgentId: true },
  });
  if (input.enforceCapacity !== false) await checkCapacity(tx, input.homeAgent.id, input.subscriberId, existing?.homeAgentId ?? null);
  const leaseData = { homeAgentId: input.homeAgent.id, expiresAt: input.leaseExpiresAt };
  // Read before any address is kept or chosen: no path below may hand out (or keep) an HA's address.
  const haAddresses = await haAddressValues(tx);
  const isHaAddress = (text: string) => {
    const a = parseAddress(text);
    return a.ok && haAddresses.has(a.value);
  };

  let chosen: { value: bigint; prefix: PrefixRow } | null = null;
  if (input.mode === "static") {
    const a = input.staticHomeAddress ? parseAddress(input.staticHomeAddress) : null;
    if (!a || !a.ok) throw new NoAddress(["the subscriber has no valid static home address"]);
    const p = prefixes[0];
    if (plannedTarget && !prefixContains(prefixValue(p), a.value)) {
      throw new NoAddress([`the provisioned static home address ${a.canonical} is outside ${p.prefix}, the prefix the subscriber is being renumbered to`]);
    }
    const reason = reservedHomeAddressReason(a.value, prefixValue(p));
    if (reason) throw new NoAddress([`the provisioned static home address ${a.canonical} cannot be used: ${reason}`]);
    if (haAddresses.has(a.value)) {
      throw new NoAddress([`the provisioned static home address ${a.canonical} cannot be used: it is a home agent's address`]);
    }
    if (existing && existing.address === a.canonical) {
      await tx.hoaLease.update({ where: { id: existing.id }, data: { ...leaseData, prefixId: p.id, kind: "static" } });
      because.push(`static home address ${a.canonical} (provisioned)`);
      return { ok: true, address: a.canonical, prefix: p.prefix, prefixId: p.id, kept: true, because };
    }
    const holder = await tx.hoaLease.findUnique({ where: { address: a.canonical }, select: { subscriberId: true } });
    if (holder) throw new NoAddress([`the provisioned static home address ${a.canonical} is held by another subscriber`]);
    if (await plannedAddressHolder(tx, a.canonical, input.subscriberId)) {
      throw new NoAddress([`the provisioned static home address ${a.canonical} is reserved for another subscriber's renumbering`]);
    }
    chosen = { value: a.value, prefix: p };
    because.push(`static home address ${a.canonical} (provisioned)`);
  } else if (input.mode === "dynamic" && existing && existing.kind === "dynamic") {
    const same = prefixes.find((p) => p.id === existing.prefixId);
    if (same && isHaAddress(existing.address)) {
      // An HA was given this address after the lease was made: the MN moves to a fresh address.
      because.push(`its dynamic home address ${existing.address} is now a home agent's address and is replaced`);
    } else if (same) {
      // A dynamic HoA stays the subscriber's while its prefix is in service (spec "Home address rules").
      await tx.hoaLease.update({ where: { id: existing.id }, data: leaseData });
      because.push(`keeps its dynamic home address ${existing.address} on ${same.prefix}`);
      return { ok: true, address: existing.address, prefix: same.prefix, prefixId: same.id, kept: true, because };
    }
  }

  // Release the previous HoA (a privacy HoA is never reused; a dynamic one on a retired prefix moves).
  if (existing) {
    await tx.hoaLease.delete({ where: { id: existing.id } });
    because.push(`released previous ${existing.kind} home address ${existing.address}`);
  }
  if (!chosen && input.mode === "dynamic" && plannedTarget) {
    // Being renumbered: the address the plan previewed (same interface identifier) if still free.
    const a = parseAddress(plannedTarget.address);
    if (a.ok && (await isFree(tx, a.value, prefixValue(plannedTarget.prefix), haAddresses, input.subscriberId))) {
      chosen = { value: a.value, prefix: plannedTarget.prefix };
      because.push(`renumbered${existing ? ` from ${existing.address}` : ""} to ${a.canonical} on ${plannedTarget.prefix.prefix}, as planned by the renumbering`);
    }
  }
  if (!chosen && input.mode === "dynamic" && existing && !prefixes.some((p) => p.id === existing.prefixId)) {
    // Renumbered away: take the address the plan previewed (same interface identifier) if still free.
    const planned = await plannedRenumberedAddress(tx, input.subscriberId, existing.prefixId);
    const target = planned ? prefixes.find((p) => p.id === planned.newPrefixId) : undefined;
    const a = planned ? parseAddress(planned.address) : null;
    if (target && a?.ok && (await isFree(tx, a.value, prefixValue(target), haAddresses, input.subscriberId))) {
      chosen = { value: a.value, prefix: target };
      because.push(`renumbered from ${existing.address} to ${a.canonical} on ${target.prefix}, as planned by the renumbering`);
    }
  }
  if (!chosen) {
    for (const p of prefixes) {
      const v = await pickAddress(tx, p, input, haAddresses);
      if (v !== null) {
        chosen = { value: v, prefix: p };
        break;
      }
      because.push(`${p.prefix} has no free home address`);
    }
    if (!chosen) throw new NoAddress([...because, "every active home link prefix of the home agent is exhausted"]);
    because.push(
      input.mode === "dynamic"
        ? `stable home address derived for the subscriber on ${chosen.prefix.prefix}`
        : `fresh random (privacy) home address on ${chosen.prefix.prefix}`,
    );
  }
  const address = valueToAddress(chosen.value);
  await tx.hoaLease.create({
    data: {
      subscriberId: input.subscriberId,
      prefixId: chosen.prefix.id,
      address,
      addressHex: addressHex(chosen.value),
      kind: input.mode,
      ...leaseData,
    },
  });
  return { ok: true, address, prefix: chosen.prefix.prefix, prefixId: chosen.prefix.id, kept: false, because };
}

/**
 * Assign the HoA and mark the subscriber bootstrapped, atomically: the lease, the subscriber's HA and
 * the cleared re-bootstrap flag commit together or not at all.
 */
export async function assignHomeAddress(input: AllocationInput): Promise<Allocation> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTx(async (tx) => {
        const r = await allocateOnce(tx, input);
        await markRenumberingMigration(tx, input.subscriberId, { prefixId: r.prefixId, homeAgentId: input.homeAgent.id }, input.now);
        await tx.subscriber.update({
          where: { id: input.subscriberId },
          data: {
            homeAgentId: input.homeAgent.id,
            lastBootstrapAt: input.now,
            rebootstrapRequired: false,
            rebootstrapReason: null,
            rebootstrapAt: null,
          },
        });
        return r;
      });
    } catch (e) {
      if (e instanceof NoAddress) return { ok: false, because: e.because };
      if (e instanceof HomeAgentFull) return { ok: false, because: e.because, homeAgentFull: true };
      // Another bootstrap took the address (or this subscriber's lease) first: run again, it will see that row.
      if (isUniqueViolation(e) && attempt < TX_ATTEMPTS) continue;
      throw e;
    }
  }
}
