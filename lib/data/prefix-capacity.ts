// How many home addresses a home link prefix can hand out: its size minus the reserved interface
// identifiers of spec/bootstrap-v1.md "Home address rules" (RFC 5453 registry) and minus the HA's own address.
// Pure arithmetic on BigInt; used for the `capacity` the API and the prefix pages show.
import { parseAddress, parsePrefix } from "@/lib/domain/ipv6";
import { isReservedHomeAddress } from "@/lib/domain/home-address";

const IID_BITS = 64n;
const IID_SPACE = 1n << IID_BITS;

/**
 * Reserved IIDs of a 64-bit interface identifier, as inclusive ranges: the same registry entries
 * lib/domain/home-address.ts refuses one address at a time (prefix-capacity.test.ts checks they agree).
 */
const RESERVED_IIDS: [bigint, bigint][] = [
  [0n, 0n], // subnet-router anycast (RFC 4291)
  [0xfdffffffffffff80n, 0xfdffffffffffffffn], // reserved subnet anycast incl. HA anycast (RFC 2526)
  [0x02005efffe000000n, 0x02005efffeffffffn], // IANA Ethernet block incl. the PMIPv6 IID (RFC 5453 registry)
];

function mergedSize(ranges: [bigint, bigint][]): bigint {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let total = 0n;
  let cur: [bigint, bigint] | null = null;
  for (const r of sorted) {
    if (cur && r[0] <= cur[1] + 1n) {
      if (r[1] > cur[1]) cur[1] = r[1];
    } else {
      if (cur) total += cur[1] - cur[0] + 1n;
      cur = [r[0], r[1]];
    }
  }
  if (cur) total += cur[1] - cur[0] + 1n;
  return total;
}

/** Usable home addresses of `prefix` (canonical `addr/len`), excluding `haAddresses` that fall inside it. */
export function usableAddressCount(prefix: string, haAddresses: string[] = []): bigint {
  const p = parsePrefix(prefix);
  if (!p.ok) throw new RangeError(p.message);
  let usable: bigint;
  if (p.length <= 64) {
    // Every /64 inside loses the same reserved IIDs.
    const per64 = IID_SPACE - mergedSize(RESERVED_IIDS);
    usable = (1n << BigInt(64 - p.length)) * per64;
  } else {
    // The prefix fixes some IID bits: reserved = the 64-bit rules clipped to this range, plus (RFC 2526
    // for non-EUI-64 IIDs) the all-zero host part and the 128 highest host values of the prefix itself.
    const size = 1n << BigInt(128 - p.length);
    const lo = p.network & (IID_SPACE - 1n);
    const hi = lo + size - 1n;
    const clip = ([a, b]: [bigint, bigint]): [bigint, bigint] => [a > lo ? a : lo, b < hi ? b : hi];
    const own: [bigint, bigint][] = [[lo, lo], [hi - 127n > lo ? hi - 127n : lo, hi]];
    usable = size - mergedSize([...RESERVED_IIDS, ...own].map(clip));
  }
  for (const text of haAddresses) {
    const a = parseAddress(text);
    // An HA address inside the prefix is one more address no MN may get (unless already counted as reserved).
    if (a.ok && (a.value & ~((1n << BigInt(128 - p.length)) - 1n)) === p.network && !isReservedHomeAddress(a.value, p)) usable -= 1n;
  }
  return usable > 0n ? usable : 0n;
}

/** JSON-safe: a number while exact, else the decimal string. */
export function capacityValue(n: bigint): number | string {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}
