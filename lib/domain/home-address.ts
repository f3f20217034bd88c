// Home address (HoA) rules of spec/bootstrap-v1.md "Home address rules" and PROTOCOLS.md §7. Pure:
// candidates are computed here; the allocator (lib/bootstrap/allocate.ts) checks them against the
// database, whose unique constraints are the final word on "one HoA per subscriber, one subscriber per HoA".
import crypto from "node:crypto";
import { prefixSize, prefixContains, valueToAddress } from "./ipv6";

export type HomeAddressMode = "static" | "dynamic" | "privacy";
export const HOME_ADDRESS_MODES: readonly HomeAddressMode[] = ["static", "dynamic", "privacy"] as const;

/**
 * The HoA mode actually used for a request. An operator-provisioned static HoA wins when the
 * subscriber's policy is static; "static" requested without a provisioned HoA falls back to dynamic.
 * `note` explains a difference for the session's explanation.
 */
export function effectiveHomeAddressMode(
  requested: HomeAddressMode,
  sub: { homeAddressPolicy: string; staticHomeAddress: string | null },
): { mode: HomeAddressMode; note: string | null } {
  if (sub.homeAddressPolicy === "static" && sub.staticHomeAddress) {
    return { mode: "static", note: requested === "static" ? null : `the subscriber's policy is a static home address (requested ${requested})` };
  }
  if (requested === "static" && !sub.staticHomeAddress) {
    return { mode: "dynamic", note: "no static home address is provisioned; assigning a dynamic one" };
  }
  return { mode: requested, note: null };
}

export type HomePrefixValue = { network: bigint; length: number; canonical: string };

const IID_MASK = (1n << 64n) - 1n;
const SUBNET_ANYCAST_LOW = 0xfdffffffffffff80n; // RFC 2526: top 128 IIDs of an EUI-64-format /64
const SUBNET_ANYCAST_HIGH = 0xfdffffffffffffffn;
const IANA_ETHERNET_LOW = 0x02005efffe000000n; // IANA Ethernet block (includes PMIPv6 0200:5eff:fe00:5213)
const IANA_ETHERNET_HIGH = 0x02005efffeffffffn;

/** The 64-bit interface identifier of an address. */
export function interfaceIdOf(value: bigint): bigint {
  return value & IID_MASK;
}

/** Why a 64-bit IID is in the IANA reserved-IID registry (RFC 5453), or null when it is not. */
export function reservedInterfaceIdReason(iid: bigint): string | null {
  if (iid === 0n) return "the all-zeros interface identifier is the subnet-router anycast address (RFC 4291)";
  if (iid >= SUBNET_ANYCAST_LOW && iid <= SUBNET_ANYCAST_HIGH) {
    return iid === 0xfdfffffffffffffen
      ? "fdff:ffff:ffff:fffe is the Mobile IPv6 home-agents anycast identifier (RFC 2526)"
      : "fdff:ffff:ffff:ff80–ffff is reserved for subnet anycast (RFC 2526)";
  }
  if (iid >= IANA_ETHERNET_LOW && iid <= IANA_ETHERNET_HIGH) {
    return "0200:5eff:fe00:0000–0200:5eff:feff:ffff is the reserved IANA Ethernet block (RFC 5453 registry, incl. PMIPv6)";
  }
  return null;
}

/**
 * Why `value` may never be a HoA in `prefix`, or null when it may. Besides the reserved IIDs, a prefix
 * longer than /64 has no room for EUI-64-format IIDs, so RFC 2526 reserves its 128 highest host values
 * and its first address (subnet-router anycast) instead.
 */
export function reservedHomeAddressReason(value: bigint, prefix: { network: bigint; length: number }): string | null {
  if (!prefixContains(prefix, value)) return "the address is outside the home link prefix";
  const iidReason = reservedInterfaceIdReason(interfaceIdOf(value));
  if (iidReason) return iidReason;
  if (prefix.length > 64) {
    const size = prefixSize(prefix.length);
    const host = value - prefix.network;
    if (host === 0n) return "the first address of the prefix is the subnet-router anycast address";
    if (host >= size - 128n) return "the 128 highest addresses of a prefix longer than /64 are reserved for subnet anycast (RFC 2526)";
  }
  return null;
}

export function isReservedHomeAddress(value: bigint, prefix: { network: bigint; length: number }): boolean {
  return reservedHomeAddressReason(value, prefix) !== null;
}

/** Place the low bits of `bytes` into the host part of the prefix (RFC 7217 takes the least significant bits). */
export function addressFromHostBits(prefix: { network: bigint; length: number }, bytes: Buffer): bigint {
  const host = BigInt(`0x${bytes.toString("hex")}`) & (prefixSize(prefix.length) - 1n);
  return prefix.network | host;
}

/**
 * Stable, opaque candidate in the style of RFC 7217: F(prefix, subscriber NAI, counter, secret) with
 * HMAC-SHA256, so the same subscriber gets the same HoA on the same prefix every time, nobody without
 * the secret can predict it, and a collision moves on to counter+1 (RFC 7217's DAD_Counter).
 * Fields are joined with 0x00, which occurs in neither an NAI nor a prefix text.
 */
export function stableCandidate(secret: Buffer, prefix: HomePrefixValue, nai: string, counter: number): bigint {
  const mac = crypto.createHmac("sha256", secret).update(`mip6-hoa/v1\0${prefix.canonical}\0${nai}\0${counter}`, "utf8").digest();
  return addressFromHostBits(prefix, mac.subarray(0, 16));
}

/** Fresh random candidate (RFC 8981-style privacy HoA). `random` is injectable for tests. */
export function randomCandidate(prefix: HomePrefixValue, random: (n: number) => Buffer = crypto.randomBytes): bigint {
  return addressFromHostBits(prefix, random(16));
}

/** Prefixes whose whole host space can be scanned when hashed candidates keep colliding. */
export const SCANNABLE_HOST_BITS = 16;

export function isScannable(prefix: { length: number }): boolean {
  return 128 - prefix.length <= SCANNABLE_HOST_BITS;
}

/**
 * Lowest free, non-reserved address of a small prefix, or null when it is exhausted. `taken` holds the
 * values already leased or otherwise unavailable (HA addresses, provisioned static HoAs).
 */
export function firstFreeAddress(prefix: { network: bigint; length: number }, taken: ReadonlySet<bigint>): bigint | null {
  if (!isScannable(prefix)) throw new RangeError("only prefixes of /112 or longer can be scanned");
  const size = prefixSize(prefix.length);
  for (let host = 0n; host < size; host++) {
    const value = prefix.network + host;
    if (!taken.has(value) && !isReservedHomeAddress(value, prefix)) return value;
  }
  return null;
}

/** A provisioned static HoA: must lie in the prefix and not be reserved. */
export function checkStaticHomeAddress(value: bigint, prefix: { network: bigint; length: number }): string | null {
  return reservedHomeAddressReason(value, prefix);
}

export function homeAddressText(value: bigint): string {
  return valueToAddress(value);
}
