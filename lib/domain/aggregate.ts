// Provider aggregates (e.g. a /29 from the RIR) and the /64 home link prefixes carved from them.
// Pure BigInt arithmetic: a /29 holds 2^35 /64s, far beyond a float's exact range, so every count here
// is a bigint and only becomes text at the edge (JSON, UI).
import { addressHex, prefixSize, valueToAddress } from "./ipv6";

export const SLASH64_BITS = 64n;
const LOW64 = (1n << SLASH64_BITS) - 1n;

/** Shortest and longest aggregate accepted: wide enough for an RIR allocation, no narrower than a /64. */
export const MIN_AGGREGATE_LENGTH = 16;
export const MAX_AGGREGATE_LENGTH = 64;

export type Range = { start: bigint; end: bigint };

/** How many /64s a prefix of this length spans (a prefix longer than /64 still occupies one /64). */
export function slash64Count(length: number): bigint {
  return length >= 64 ? 1n : prefixSize(length) >> SLASH64_BITS;
}

/** The range widened to whole /64s: a /120 inside a /64 makes that /64 unusable as a new home link. */
function widenTo64(r: Range): Range {
  return { start: r.start & ~LOW64, end: r.end | LOW64 };
}

/** Sorted, merged /64-aligned ranges clipped to the aggregate. */
function mergedInside(aggregate: Range, used: Range[]): Range[] {
  const sorted = used
    .map(widenTo64)
    .filter((r) => r.end >= aggregate.start && r.start <= aggregate.end)
    .map((r) => ({ start: r.start < aggregate.start ? aggregate.start : r.start, end: r.end > aggregate.end ? aggregate.end : r.end }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1n) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ ...r });
  }
  return out;
}

export function aggregateRange(a: { network: bigint; length: number }): Range {
  return { start: a.network, end: a.network + prefixSize(a.length) - 1n };
}

/** /64s of the aggregate occupied by `used` prefixes (each counted once, however many prefixes share it). */
export function usedSlash64s(aggregate: { network: bigint; length: number }, used: Range[]): bigint {
  let n = 0n;
  for (const r of mergedInside(aggregateRange(aggregate), used)) n += ((r.end - r.start) >> SLASH64_BITS) + 1n;
  return n;
}

/**
 * Lowest /64 of the aggregate that overlaps none of `used`, or null when the aggregate is full.
 * Walks the merged used ranges once: O(used), never O(size).
 */
export function nextFreeSlash64(aggregate: { network: bigint; length: number }, used: Range[]): bigint | null {
  const range = aggregateRange(aggregate);
  let candidate = range.start;
  for (const r of mergedInside(range, used)) {
    if (candidate < r.start) return candidate;
    if (r.end + 1n > candidate) candidate = r.end + 1n;
  }
  return candidate <= range.end ? candidate : null;
}

export function slash64Text(network: bigint): { canonical: string; startHex: string; endHex: string } {
  return { canonical: `${valueToAddress(network)}/64`, startHex: addressHex(network), endHex: addressHex(network | LOW64) };
}

export type UtilisationLevel = "ok" | "warning" | "critical";

/** Thresholds of the utilisation bars: 80 % warns, 90 % is critical. */
export const WARNING_PERCENT = 80n;
export const CRITICAL_PERCENT = 90n;

/**
 * used / total in basis points (0..10000), exact for any bigint sizes; a non-zero use of a huge space
 * rounds up to 1 bp so "in use" never displays as empty.
 */
export function utilisationBasisPoints(used: bigint, total: bigint): number {
  if (total <= 0n) return used > 0n ? 10000 : 0;
  if (used <= 0n) return 0;
  const bp = (used * 10000n) / total;
  return Number(bp === 0n ? 1n : bp > 10000n ? 10000n : bp);
}

export function utilisationLevel(used: bigint, total: bigint): UtilisationLevel {
  if (total <= 0n) return used > 0n ? "critical" : "ok";
  // Compare used/total ≥ p/100 as used·100 ≥ p·total: no division, no rounding.
  if (used * 100n >= CRITICAL_PERCENT * total) return "critical";
  if (used * 100n >= WARNING_PERCENT * total) return "warning";
  return "ok";
}
