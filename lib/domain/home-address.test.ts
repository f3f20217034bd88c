import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  reservedInterfaceIdReason, reservedHomeAddressReason, isReservedHomeAddress, stableCandidate, randomCandidate,
  firstFreeAddress, addressFromHostBits, homeAddressText, effectiveHomeAddressMode,
} from "./home-address";
import { parsePrefix, parseAddress } from "./ipv6";

function prefix(text: string) {
  const p = parsePrefix(text);
  if (!p.ok) throw new Error(p.message);
  return p;
}
function addr(text: string): bigint {
  const a = parseAddress(text);
  if (!a.ok) throw new Error(a.message);
  return a.value;
}

const P64 = prefix("2001:db8:1::/64");

describe("reserved interface identifiers (spec Home address rules)", () => {
  const reserved = [
    "2001:db8:1::",
    "2001:db8:1::fdff:ffff:ffff:ff80",
    "2001:db8:1::fdff:ffff:ffff:fffe", // HA anycast
    "2001:db8:1::fdff:ffff:ffff:ffff",
    "2001:db8:1::200:5eff:fe00:0",
    "2001:db8:1::200:5eff:fe00:5213", // PMIPv6
    "2001:db8:1::200:5eff:feff:ffff",
  ];
  for (const a of reserved) {
    test(`${a} is reserved`, () => assert.equal(isReservedHomeAddress(addr(a), P64), true));
  }
  const usable = [
    "2001:db8:1::1",
    "2001:db8:1::fdff:ffff:ffff:ff7f",
    "2001:db8:1::200:5eff:fdff:ffff",
    "2001:db8:1::200:5eff:ff00:0",
    "2001:db8:1:0:ffff:ffff:ffff:ffff",
  ];
  for (const a of usable) {
    test(`${a} is usable`, () => assert.equal(reservedHomeAddressReason(addr(a), P64), null));
  }
  test("HA anycast reason names RFC 2526", () => {
    assert.match(reservedInterfaceIdReason(0xfdfffffffffffffen) ?? "", /home-agents anycast/);
  });
  test("outside the prefix", () => {
    assert.match(reservedHomeAddressReason(addr("2001:db8:2::1"), P64) ?? "", /outside/);
  });
  test("prefix longer than /64: first address and top 128 reserved", () => {
    const p = prefix("2001:db8:9::/120");
    assert.equal(isReservedHomeAddress(addr("2001:db8:9::"), p), true);
    assert.equal(isReservedHomeAddress(addr("2001:db8:9::1"), p), false);
    assert.equal(isReservedHomeAddress(addr("2001:db8:9::7f"), p), false);
    assert.equal(isReservedHomeAddress(addr("2001:db8:9::80"), p), true);
    assert.equal(isReservedHomeAddress(addr("2001:db8:9::ff"), p), true);
  });
});

describe("candidates", () => {
  const secret = Buffer.alloc(32, 7);
  test("stable: same inputs give the same address, inside the prefix", () => {
    const a = stableCandidate(secret, P64, "alice@msp.example", 0);
    assert.equal(a, stableCandidate(secret, P64, "alice@msp.example", 0));
    assert.equal(a >> 64n, P64.network >> 64n);
  });
  test("stable: counter, NAI, prefix and secret each change the address", () => {
    const a = stableCandidate(secret, P64, "alice@msp.example", 0);
    assert.notEqual(a, stableCandidate(secret, P64, "alice@msp.example", 1));
    assert.notEqual(a, stableCandidate(secret, P64, "bob@msp.example", 0));
    assert.notEqual(a, stableCandidate(Buffer.alloc(32, 8), P64, "alice@msp.example", 0));
    const other = prefix("2001:db8:2::/64");
    const b = stableCandidate(secret, other, "alice@msp.example", 0);
    assert.equal(b >> 64n, other.network >> 64n);
  });
  test("host bits come from the least significant bits", () => {
    const bytes = Buffer.from("ffffffffffffffff0123456789abcdef", "hex");
    assert.equal(homeAddressText(addressFromHostBits(P64, bytes)), "2001:db8:1:0:123:4567:89ab:cdef");
    const p48 = prefix("2001:db8:5::/48");
    assert.equal(homeAddressText(addressFromHostBits(p48, bytes)), "2001:db8:5:ffff:123:4567:89ab:cdef");
  });
  test("random uses the injected source", () => {
    const r = randomCandidate(P64, (n) => Buffer.alloc(n, 0x11));
    assert.equal(homeAddressText(r), "2001:db8:1:0:1111:1111:1111:1111");
  });
  test("random candidates differ", () => {
    assert.notEqual(randomCandidate(P64), randomCandidate(P64));
  });
});

describe("firstFreeAddress", () => {
  const p = prefix("2001:db8:9::/120");
  test("skips reserved and taken", () => {
    assert.equal(homeAddressText(firstFreeAddress(p, new Set())!), "2001:db8:9::1");
    assert.equal(homeAddressText(firstFreeAddress(p, new Set([addr("2001:db8:9::1"), addr("2001:db8:9::2")]))!), "2001:db8:9::3");
  });
  test("null when exhausted (127 usable in a /120)", () => {
    const taken = new Set<bigint>();
    for (let i = 1n; i < 128n; i++) taken.add(p.network + i);
    assert.equal(firstFreeAddress(p, taken), null);
  });
  test("refuses to scan a /64", () => {
    assert.throws(() => firstFreeAddress(P64, new Set()));
  });
});

describe("effectiveHomeAddressMode", () => {
  test("static policy with a provisioned HoA always gives static", () => {
    const sub = { homeAddressPolicy: "static", staticHomeAddress: "2001:db8:1::1234" };
    assert.deepEqual(effectiveHomeAddressMode("static", sub), { mode: "static", note: null });
    const r = effectiveHomeAddressMode("privacy", sub);
    assert.equal(r.mode, "static");
    assert.match(r.note ?? "", /requested privacy/);
  });
  test("static requested without a provisioned HoA falls back to dynamic", () => {
    const r = effectiveHomeAddressMode("static", { homeAddressPolicy: "dynamic", staticHomeAddress: null });
    assert.equal(r.mode, "dynamic");
    assert.match(r.note ?? "", /no static home address/);
  });
  test("otherwise the request decides", () => {
    const sub = { homeAddressPolicy: "dynamic", staticHomeAddress: null };
    assert.deepEqual(effectiveHomeAddressMode("privacy", sub), { mode: "privacy", note: null });
    assert.deepEqual(effectiveHomeAddressMode("dynamic", sub), { mode: "dynamic", note: null });
    assert.deepEqual(effectiveHomeAddressMode("static", { homeAddressPolicy: "dynamic", staticHomeAddress: "2001:db8:1::5" }), { mode: "static", note: null });
  });
});
