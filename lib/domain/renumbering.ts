// Home prefix renumbering (RFC 4640 §5.4, DOMAIN.md "Home prefix renumbering"). Pure rules: the new
// HoA of each affected subscriber, the state machine, and when a pending member counts as dormant.
import { prefixSize, prefixContains, valueToAddress, addressHex } from "./ipv6";
import { reservedHomeAddressReason } from "./home-address";

export const RENUMBERING_STATES = ["planned", "announced", "completed", "cancelled"] as const;
export type RenumberingState = (typeof RENUMBERING_STATES)[number];
export const MEMBER_STATES = ["pending", "migrated", "dormant"] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

type Prefix = { network: bigint; length: number };

/**
 * The new prefix must be at least as large as the old one, so every old host part (and so every
 * interface identifier) has a place in it, and it must not overlap the old one.
 */
export function renumberingTargetProblem(oldPrefix: Prefix, newPrefix: Prefix): string | null {
  if (newPrefix.length > oldPrefix.length) {
    return `the new prefix must be at least as large as the old one (/${oldPrefix.length} or shorter), so every interface identifier keeps its place`;
  }
  if (prefixContains(newPrefix, oldPrefix.network) || prefixContains(oldPrefix, newPrefix.network)) {
    return "the new prefix overlaps the old one";
  }
  return null;
}

/** The old address moved to the new prefix with its host part (and so its interface identifier) unchanged. */
export function keepInterfaceId(oldValue: bigint, oldPrefix: Prefix, newPrefix: Prefix): bigint {
  const host = oldValue & (prefixSize(oldPrefix.length) - 1n);
  return newPrefix.network | host;
}

export type PlannedAddress = {
  value: bigint;
  address: string;
  hex: string;
  /** true when the interface identifier was kept; false when a collision forced another address */
  keptIid: boolean;
  note: string | null;
};

/**
 * The new HoA of one member. The IID is kept unless the kept address is reserved in the new prefix
 * (e.g. a different RFC 2526 anycast range for a prefix longer than /64) or unavailable (an HA address,
 * someone else's lease or static HoA); then `fallback(counter)` candidates are tried — the service
 * passes the allocator's stable RFC 7217-style candidate so the MN gets what a bootstrap would give it.
 */
export function planNewAddress(
  oldValue: bigint,
  oldPrefix: Prefix,
  newPrefix: Prefix,
  isTaken: (value: bigint) => boolean,
  fallback: (counter: number) => bigint,
  maxTries = 64,
): PlannedAddress | null {
  const kept = keepInterfaceId(oldValue, oldPrefix, newPrefix);
  const reserved = reservedHomeAddressReason(kept, newPrefix);
  const why = reserved ?? (isTaken(kept) ? "the address with the same interface identifier is already in use in the new prefix" : null);
  if (why === null) return { value: kept, address: valueToAddress(kept), hex: addressHex(kept), keptIid: true, note: null };
  for (let counter = 0; counter < maxTries; counter++) {
    const v = fallback(counter);
    if (prefixContains(newPrefix, v) && reservedHomeAddressReason(v, newPrefix) === null && !isTaken(v)) {
      return { value: v, address: valueToAddress(v), hex: addressHex(v), keptIid: false, note: `interface identifier not kept: ${why}` };
    }
  }
  return null;
}

/** Which transitions an operator may ask for. */
export function canAnnounce(state: string): boolean {
  return state === "planned";
}
export function canComplete(state: string): boolean {
  return state === "announced";
}

/**
 * A pending member is dormant when its MN has not been seen — no successful bootstrap — for
 * `dormantAfterSeconds` (DOMAIN.md: "dormant (not seen for N days)"); a subscriber that never bootstrapped
 * counts from its creation. The announcement does not reset the clock: an MN already asleep for longer
 * than the idle time when the renumbering is announced is dormant at once, so the operator can contact it
 * by other means from the start, while MNs seen recently stay pending until their own idle time runs out.
 * Dormant is a label, not a sanction: a dormant MN that wakes up migrates like any other.
 */
export function dormantCutoff(now: Date, dormantAfterSeconds: number): Date {
  return new Date(now.getTime() - dormantAfterSeconds * 1000);
}

export function isDormant(lastSeen: Date | null, createdAt: Date, now: Date, dormantAfterSeconds: number): boolean {
  const seen = (lastSeen ?? createdAt).getTime();
  return seen < dormantCutoff(now, dormantAfterSeconds).getTime();
}

export type RenumberingCounts = { pending: number; migrated: number; dormant: number };

/** Completion without force needs every member migrated; forced completion leaves the rest behind. */
export function completionBlocker(counts: RenumberingCounts): string | null {
  const left = counts.pending + counts.dormant;
  if (left === 0) return null;
  return `${counts.pending} subscriber${counts.pending === 1 ? " is" : "s are"} still pending and ${counts.dormant} dormant; complete with force=true to leave them behind`;
}
