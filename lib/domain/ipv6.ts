// IPv6 addresses and prefixes. Pure; 128-bit values are BigInt, never floats.
// Parsing is delegated to `ip-address` (accepts every valid RFC 4291 spelling); the canonical text is
// produced here from the 128-bit value so it is exactly RFC 5952 §4 (lower case, no leading zeros, the
// longest run of two or more zero groups compressed, the first one on a tie). We always output pure
// hexadecimal groups: RFC 5952 §5's dotted-quad suffix for IPv4-mapped addresses is a "SHOULD" for
// presentation only, and one spelling per address keeps unique constraints and equality exact.
import { Address6 } from "ip-address";

export type AddressResult =
  | { ok: true; canonical: string; hex: string; value: bigint }
  | { ok: false; message: string };

export type PrefixResult =
  | { ok: true; canonical: string; length: number; startHex: string; endHex: string; network: bigint }
  | { ok: false; message: string };

export type PrefixLike = { network: bigint; length: number } | string;

const MAX = (1n << 128n) - 1n;

/** 32 lower-case hex digits: sorts like the number, so text range queries work in any database. */
export function addressHex(value: bigint): string {
  if (value < 0n || value > MAX) throw new RangeError("IPv6 value out of range");
  return value.toString(16).padStart(32, "0");
}

/** RFC 5952 canonical text of a 128-bit value. */
export function valueToAddress(value: bigint): string {
  const hex = addressHex(value);
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) groups.push(parseInt(hex.slice(i * 4, i * 4 + 4), 16).toString(16));
  // Longest run of zero groups, length ≥ 2 (RFC 5952 §4.2.2: a single 0 group is never "::").
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return groups.join(":");
  const head = groups.slice(0, bestStart).join(":");
  const tail = groups.slice(bestStart + bestLen).join(":");
  return `${head}::${tail}`;
}

export function hexToAddress(hex: string): string {
  if (!/^[0-9a-fA-F]{1,32}$/.test(hex)) throw new RangeError("expected up to 32 hex digits");
  return valueToAddress(BigInt(`0x${hex}`));
}

export function prefixSize(length: number): bigint {
  if (!Number.isInteger(length) || length < 0 || length > 128) throw new RangeError("prefix length must be 0..128");
  return 1n << BigInt(128 - length);
}

function hostMask(length: number): bigint {
  return prefixSize(length) - 1n;
}

/** Parse one IPv6 address. Zone identifiers (`%eth0`) and prefixes (`/64`) are refused. */
export function parseAddress(text: string): AddressResult {
  if (typeof text !== "string" || text.trim() === "") return { ok: false, message: "the address is empty" };
  if (text.includes("%")) return { ok: false, message: "zone identifiers (%…) are not allowed in a home network address" };
  if (text.includes("/")) return { ok: false, message: "expected a single address, not a prefix (remove the /length)" };
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return { ok: false, message: `"${text}" is not an IPv6 address` };
  let value: bigint;
  try {
    const a = new Address6(text);
    value = a.bigInt();
  } catch {
    return { ok: false, message: `"${text}" is not an IPv6 address` };
  }
  return { ok: true, canonical: valueToAddress(value), hex: addressHex(value), value };
}

/** Parse `addr/len` with the host bits zero; lengths 0..128. */
export function parsePrefix(text: string): PrefixResult {
  if (typeof text !== "string" || text.trim() === "") return { ok: false, message: "the prefix is empty" };
  const slash = text.indexOf("/");
  if (slash < 0) return { ok: false, message: "expected a prefix as address/length, e.g. 2001:db8:1::/64" };
  const addrText = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > 128) return { ok: false, message: "the prefix length must be a whole number from 0 to 128" };
  const length = Number(lenText);
  const addr = parseAddress(addrText);
  if (!addr.ok) return addr;
  const network = addr.value & ~hostMask(length) & MAX;
  if (network !== addr.value) {
    return {
      ok: false,
      message: `host bits must be zero: ${addr.canonical}/${length} is inside ${valueToAddress(network)}/${length}; did you mean ${valueToAddress(network)}/${length}?`,
    };
  }
  return {
    ok: true,
    canonical: `${valueToAddress(network)}/${length}`,
    length,
    startHex: addressHex(network),
    endHex: addressHex(network | hostMask(length)),
    network,
  };
}

function toPrefix(p: PrefixLike): { network: bigint; length: number } {
  if (typeof p !== "string") return p;
  const r = parsePrefix(p);
  if (!r.ok) throw new RangeError(r.message);
  return r;
}

export function prefixContains(prefix: PrefixLike, addressValue: bigint): boolean {
  const p = toPrefix(prefix);
  return (addressValue & ~hostMask(p.length) & MAX) === p.network;
}

export function prefixesOverlap(a: PrefixLike, b: PrefixLike): boolean {
  const pa = toPrefix(a);
  const pb = toPrefix(b);
  // Two CIDR blocks overlap exactly when the shorter one contains the other's network.
  const shorter = pa.length <= pb.length ? pa : pb;
  const longer = shorter === pa ? pb : pa;
  return prefixContains(shorter, longer.network);
}

/** Interface identifier (low 64 bits) of an address value. */
export function interfaceId(value: bigint): bigint {
  return value & ((1n << 64n) - 1n);
}
