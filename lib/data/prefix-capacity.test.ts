import { test } from "node:test";
import assert from "node:assert/strict";
import { usableAddressCount, capacityValue } from "./prefix-capacity";
import { isReservedHomeAddress } from "@/lib/domain/home-address";
import { parsePrefix } from "@/lib/domain/ipv6";

function bruteForce(prefix: string): bigint {
  const p = parsePrefix(prefix);
  if (!p.ok) throw new Error(p.message);
  let n = 0n;
  for (let host = 0n; host < 1n << BigInt(128 - p.length); host++) if (!isReservedHomeAddress(p.network + host, p)) n++;
  return n;
}

test("a /64 loses the all-zero IID, 128 subnet-anycast IIDs and the 2^24 IANA Ethernet block", () => {
  assert.equal(usableAddressCount("2001:db8:1::/64"), (1n << 64n) - 1n - 128n - (1n << 24n));
});

test("a /48 is 65536 such /64s", () => {
  assert.equal(usableAddressCount("2001:db8::/48"), (1n << 16n) * ((1n << 64n) - 1n - 128n - (1n << 24n)));
});

test("long prefixes agree address by address with the allocator's reserved-address rule", () => {
  for (const p of ["2001:db8::/120", "2001:db8::100/120", "2001:db8::/116", "2001:db8::ff00/124"]) {
    assert.equal(usableAddressCount(p), bruteForce(p), p);
  }
  // A /120 inside the IANA Ethernet block has nothing to hand out.
  assert.equal(usableAddressCount("2001:db8::200:5eff:fe00:5200/120"), 0n);
});

test("an HA address inside the prefix is not usable; one outside changes nothing", () => {
  assert.equal(usableAddressCount("2001:db8::/120", ["2001:db8::1"]), 256n - 1n - 128n - 1n);
  assert.equal(usableAddressCount("2001:db8::/120", ["2001:db8:ffff::1"]), 256n - 1n - 128n);
});

test("capacity is a number while exact and a decimal string beyond 2^53", () => {
  assert.equal(capacityValue(127n), 127);
  assert.equal(capacityValue(1n << 64n), "18446744073709551616");
});
