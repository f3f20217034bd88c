// The batch steps of a renumbering job (lib/jobs/runner.ts). Each step reads its cursor from the job
// payload and returns the next one; the runner commits the step and the cursor together, so a restart
// resumes exactly where the last committed batch ended and no batch is applied twice.
import crypto from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/tx";
import { parseAddress, parsePrefix, prefixContains, valueToAddress } from "@/lib/domain/ipv6";
import { stableCandidate } from "@/lib/domain/home-address";
import { keepInterfaceId, planNewAddress } from "@/lib/domain/renumbering";
import { homeAddressSecret } from "@/lib/bootstrap/iid-secret";
import type { BatchResult, JobPayload } from "@/lib/jobs/runner";

export type RenumberingJobPayload = JobPayload & {
  renumberingId: string;
  /**
   * "members": members from the old prefix's leases; "statics": provisioned static HoAs in the old prefix
   * whose MN holds no lease yet; "flags": flag the members' MNs (announce only)
   */
  phase: "members" | "statics" | "flags";
  cursor: string;
};

type MemberRow = { renumberingId: string; subscriberId: string; oldAddress: string; newAddress: string; isStatic: boolean };
/** Rows per INSERT statement: 5 parameters each, well under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;

/**
 * Insert member rows with multi-row INSERTs. Prisma 7's createMany spends ~0.5 ms of CPU per row here
 * (query compilation and argument handling, see docs/performance.md), which made the plan of a 100k
 * prefix take minutes; the same rows through one parameterised statement per 500 cost a tenth of that.
 * Portable SQL (quoted identifiers, bound values); `state` takes its column default ("pending").
 */
export async function insertMembers(tx: Tx, rows: MemberRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows
      .slice(i, i + INSERT_CHUNK)
      .map((r) => Prisma.sql`(${crypto.randomUUID()}, ${r.renumberingId}, ${r.subscriberId}, ${r.oldAddress}, ${r.newAddress}, ${r.isStatic})`);
    await tx.$executeRaw`INSERT INTO "RenumberingMember" ("id", "renumberingId", "subscriberId", "oldAddress", "newAddress", "isStatic") VALUES ${Prisma.join(values)}`;
  }
}

/** Fallback candidates tried when the kept IID is unavailable. */
const FALLBACKS = 8;

async function haAddresses(tx: Tx): Promise<Set<bigint>> {
  const rows = await tx.homeAgent.findMany({ select: { address: true } });
  return new Set(rows.flatMap((r) => {
    const a = parseAddress(r.address);
    return a.ok ? [a.value] : [];
  }));
}

/** Addresses (canonical text) among `texts` held by someone other than `ownerOf(text)` (lease or static HoA). */
async function heldByOthers(tx: Tx, texts: string[], ownerOf: Map<string, string>): Promise<Set<string>> {
  if (!texts.length) return new Set();
  const [leases, statics] = await Promise.all([
    tx.hoaLease.findMany({ where: { address: { in: texts } }, select: { address: true, subscriberId: true } }),
    tx.subscriber.findMany({ where: { staticHomeAddress: { in: texts } }, select: { staticHomeAddress: true, id: true } }),
  ]);
  const out = new Set<string>();
  for (const l of leases) if (ownerOf.get(l.address) !== l.subscriberId) out.add(l.address);
  for (const s of statics) if (s.staticHomeAddress && ownerOf.get(s.staticHomeAddress) !== s.id) out.add(s.staticHomeAddress);
  return out;
}

/**
 * Members for the next `batchSize` leases of the old prefix (by address), skipping subscribers that
 * already are members: the same step serves the plan and the top-up at announce time.
 */
export async function memberBatch(tx: Tx, p: RenumberingJobPayload, batchSize: number): Promise<BatchResult> {
  const r = await tx.renumbering.findUniqueOrThrow({ where: { id: p.renumberingId }, select: { oldPrefixId: true, oldPrefix: true, newPrefix: true } });
  const oldP = parsePrefix(r.oldPrefix);
  const newP = parsePrefix(r.newPrefix);
  if (!oldP.ok || !newP.ok) throw new Error("stored renumbering prefixes are invalid");
  const leases = await tx.hoaLease.findMany({
    where: { prefixId: r.oldPrefixId, addressHex: { gt: p.cursor } },
    orderBy: { addressHex: "asc" },
    take: batchSize,
    select: { subscriberId: true, address: true, addressHex: true, kind: true, subscriber: { select: { nai: true, homeAddressPolicy: true, staticHomeAddress: true } } },
  });
  if (!leases.length) return { payload: p, processed: 0, finished: true };
  const existing = new Set(
    (await tx.renumberingMember.findMany({
      where: { renumberingId: p.renumberingId, subscriberId: { in: leases.map((l) => l.subscriberId) } },
      select: { subscriberId: true },
    })).map((m) => m.subscriberId),
  );
  const todo = leases.filter((l) => !existing.has(l.subscriberId));
  const has = await haAddresses(tx);
  const secret = homeAddressSecret();
  const newValue = { network: newP.network, length: newP.length, canonical: newP.canonical };

  // Which addresses are unavailable: the kept ones are looked up in one query per batch; fallback
  // candidates are derived and looked up only for the (rare) members whose kept address is taken.
  const hostMask = (1n << BigInt(128 - oldP.length)) - 1n;
  // The stored hex form, not the text: parsing 1000 addresses per batch through ip-address costs more than the queries.
  const items = todo.map((l) => {
    if (!/^[0-9a-f]{32}$/.test(l.addressHex)) throw new Error("stored lease address is invalid");
    const value = BigInt(`0x${l.addressHex}`);
    const kept = newP.network | (value & hostMask);
    return { lease: l, value, kept, keptText: valueToAddress(kept), fallbacks: [] as bigint[] };
  });
  const owner = new Map(items.map((c) => [c.keptText, c.lease.subscriberId]));
  const held = await heldByOthers(tx, [...owner.keys()], owner);
  const collided = items.filter((c) => has.has(c.kept) || held.has(c.keptText));
  if (collided.length) {
    const fbOwner = new Map<string, string>();
    for (const c of collided) {
      c.fallbacks = Array.from({ length: FALLBACKS }, (_, n) => stableCandidate(secret, newValue, c.lease.subscriber.nai, n));
      for (const v of c.fallbacks) fbOwner.set(valueToAddress(v), c.lease.subscriberId);
    }
    for (const t of await heldByOthers(tx, [...fbOwner.keys()], fbOwner)) held.add(t);
    // A fallback must not land on an address another member of this renumbering was given.
    const planned = await tx.renumberingMember.findMany({
      where: { renumberingId: p.renumberingId, newAddress: { in: [...fbOwner.keys()] } },
      select: { newAddress: true },
    });
    for (const m of planned) held.add(m.newAddress);
  }
  const plannedHere = new Set<bigint>();
  const rows: MemberRow[] = [];
  for (const c of items) {
    const planned = planNewAddress(
      c.value, oldP, newP,
      (v) => has.has(v) || plannedHere.has(v) || held.has(valueToAddress(v)),
      (counter) => c.fallbacks[counter] ?? newP.network,
      c.fallbacks.length,
    );
    // No place in the new prefix (it is full): the member still moves, the bootstrap allocator picks then.
    if (planned) plannedHere.add(planned.value);
    const isStatic = c.lease.kind === "static" || (c.lease.subscriber.homeAddressPolicy === "static" && c.lease.subscriber.staticHomeAddress === c.lease.address);
    rows.push({
      renumberingId: p.renumberingId,
      subscriberId: c.lease.subscriberId,
      oldAddress: c.lease.address,
      newAddress: planned ? planned.address : "",
      isStatic,
    });
  }
  await insertMembers(tx, rows);
  const last = leases[leases.length - 1];
  return { payload: { ...p, cursor: last.addressHex }, processed: leases.length, finished: leases.length < batchSize };
}

/**
 * Members for provisioned static HoAs inside the old prefix whose subscriber holds no lease (never
 * bootstrapped, or released): without them the static address would stay on the draining prefix and the
 * MN could never bootstrap. Scans lease-less static subscribers by id (few, in practice).
 */
export async function staticsBatch(tx: Tx, p: RenumberingJobPayload, batchSize: number): Promise<BatchResult> {
  const r = await tx.renumbering.findUniqueOrThrow({ where: { id: p.renumberingId }, select: { oldPrefix: true, newPrefix: true } });
  const oldP = parsePrefix(r.oldPrefix);
  const newP = parsePrefix(r.newPrefix);
  if (!oldP.ok || !newP.ok) throw new Error("stored renumbering prefixes are invalid");
  const subs = await tx.subscriber.findMany({
    where: { id: { gt: p.cursor }, lease: null, staticHomeAddress: { not: null } },
    orderBy: { id: "asc" },
    take: batchSize,
    select: { id: true, staticHomeAddress: true, renumberingMembers: { where: { renumberingId: p.renumberingId }, select: { id: true } } },
  });
  if (!subs.length) return { payload: p, processed: 0, finished: true };
  const inside = subs.flatMap((s) => {
    const a = parseAddress(s.staticHomeAddress ?? "");
    return a.ok && prefixContains(oldP, a.value) && s.renumberingMembers.length === 0 ? [{ id: s.id, address: a.canonical, value: a.value }] : [];
  });
  if (inside.length) {
    const has = await haAddresses(tx);
    const owner = new Map(inside.map((s) => [valueToAddress(keepInterfaceId(s.value, oldP, newP)), s.id]));
    const held = await heldByOthers(tx, [...owner.keys()], owner);
    await insertMembers(tx, inside.map((s) => {
      const planned = planNewAddress(s.value, oldP, newP, (v) => has.has(v) || held.has(valueToAddress(v)), () => newP.network, 0);
      return { renumberingId: p.renumberingId, subscriberId: s.id, oldAddress: s.address, newAddress: planned ? planned.address : "", isStatic: true };
    }));
  }
  return { payload: { ...p, cursor: subs[subs.length - 1].id }, processed: 0, finished: subs.length < batchSize };
}

/**
 * Flag the next batch of members' MNs (reason `renumbering`, RFC 4640 §5.4) and move static HoAs to
 * their planned address, so a static MN's next bootstrap lands on the new prefix.
 */
export async function flagBatch(tx: Tx, p: RenumberingJobPayload, batchSize: number, now: Date): Promise<BatchResult> {
  const members = await tx.renumberingMember.findMany({
    where: { renumberingId: p.renumberingId, subscriberId: { gt: p.cursor } },
    orderBy: { subscriberId: "asc" },
    take: batchSize,
    select: { subscriberId: true, isStatic: true, newAddress: true, oldAddress: true, state: true },
  });
  if (!members.length) return { payload: p, processed: 0, finished: true };
  const waiting = members.filter((m) => m.state !== "migrated").map((m) => m.subscriberId);
  if (waiting.length) {
    await tx.subscriber.updateMany({
      where: { id: { in: waiting } },
      data: { rebootstrapRequired: true, rebootstrapReason: "renumbering", rebootstrapAt: now },
    });
  }
  const statics = members.filter((m) => m.isStatic && m.newAddress);
  // An address provisioned to someone else since the plan stays theirs (unique staticHomeAddress): that
  // member keeps its old static HoA and the operator sees it pending rather than the whole job failing.
  const claimed = new Map(
    (await tx.subscriber.findMany({ where: { staticHomeAddress: { in: statics.map((m) => m.newAddress) } }, select: { id: true, staticHomeAddress: true } }))
      .map((s) => [s.staticHomeAddress, s.id]),
  );
  for (const m of statics) {
    const holder = claimed.get(m.newAddress);
    if (holder && holder !== m.subscriberId) continue;
    await tx.subscriber.updateMany({ where: { id: m.subscriberId, staticHomeAddress: m.oldAddress }, data: { staticHomeAddress: m.newAddress } });
  }
  return { payload: { ...p, cursor: members[members.length - 1].subscriberId }, processed: members.length, finished: members.length < batchSize };
}
