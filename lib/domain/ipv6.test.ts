import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  parseAddress, parsePrefix, hexToAddress, valueToAddress, addressHex, prefixContains, prefixesOverlap, prefixSize,
} from "./ipv6";

describe("parseAddress → RFC 5952 canonical text", () => {
  const cases: Array<[string, string]> = [
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // first of two equal runs (RFC 5952 §4.2.3)
    ["2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"], // longest run wins
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // a single zero group is not compressed
    ["::", "::"],
    ["::1", "::1"],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["::ffff:192.0.2.1", "::ffff:c000:201"],
    ["2001:DB8:1::8F3A:2C41:9E07:5B12", "2001:db8:1:0:8f3a:2c41:9e07:5b12"],
  ];
  for (const [input, canonical] of cases) {
    test(`${input} → ${canonical}`, () => {
      const r = parseAddress(input);
      assert.equal(r.ok, true);
      if (r.ok) {
        assert.equal(r.canonical, canonical);
        assert.equal(r.hex.length, 32);
        assert.equal(BigInt(`0x${r.hex}`), r.value);
      }
    });
  }
  test("hex and value", () => {
    const r = parseAddress("2001:db8::1");
    assert.deepEqual(r, { ok: true, canonical: "2001:db8::1", hex: "20010db8000000000000000000000001", value: 0x20010db8000000000000000000000001n });
  });
  test("refuses zone ids, prefixes and garbage", () => {
    for (const [bad, why] of [
      ["fe80::1%eth0", /zone/],
      ["2001:db8::/64", /prefix/],
      ["", /empty/],
      ["1::2::3", /not an IPv6/],
      ["12345::", /not an IPv6/],
      ["1.2.3.4", /not an IPv6/],
      [" 2001:db8::1", /not an IPv6/],
      ["1:2:3:4:5:6:7:8:9", /not an IPv6/],
    ] as const) {
      const r = parseAddress(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.message, why);
    }
  });
});

describe("parsePrefix", () => {
  test("canonical prefix with range", () => {
    const r = parsePrefix("2001:DB8:0001:0000::/64");
    assert.equal(r.ok, true);
    if (r.ok) {
      assert.equal(r.canonical, "2001:db8:1::/64");
      assert.equal(r.length, 64);
      assert.equal(r.startHex, "20010db8000100000000000000000000");
      assert.equal(r.endHex, "20010db800010000ffffffffffffffff");
      assert.equal(r.network, 0x20010db8000100000000000000000000n);
    }
  });
  test("non-zero host bits name the correct network", () => {
    const r = parsePrefix("2001:db8:1::5/64");
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /did you mean 2001:db8:1::\/64/);
  });
  test("lengths 0 and 128", () => {
    const zero = parsePrefix("::/0");
    assert.equal(zero.ok && zero.endHex, "f".repeat(32));
    const host = parsePrefix("2001:db8::1/128");
    assert.equal(host.ok && host.startHex === host.endHex, true);
  });
  test("bad lengths", () => {
    for (const bad of ["2001:db8::/129", "2001:db8::/-1", "2001:db8::/", "2001:db8::/6 4", "2001:db8::", "2001:db8::/64/1"]) {
      assert.equal(parsePrefix(bad).ok, false, bad);
    }
  });
});

describe("helpers", () => {
  test("hexToAddress / valueToAddress / addressHex round trip", () => {
    assert.equal(hexToAddress("20010db8000000000000000000000001"), "2001:db8::1");
    assert.equal(valueToAddress(0n), "::");
    assert.equal(valueToAddress((1n << 128n) - 1n), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assert.equal(addressHex(1n), "0".repeat(31) + "1");
    assert.throws(() => addressHex(1n << 128n));
    assert.throws(() => addressHex(-1n));
  });
  test("prefixSize is exact BigInt", () => {
    assert.equal(prefixSize(64), 18446744073709551616n);
    assert.equal(prefixSize(0), 1n << 128n);
    assert.equal(prefixSize(128), 1n);
    assert.throws(() => prefixSize(129));
  });
  test("prefixContains", () => {
    const p = parsePrefix("2001:db8:1::/64");
    assert.ok(p.ok);
    if (!p.ok) return;
    assert.equal(prefixContains(p, 0x20010db80001000000000000deadbeefn), true);
    assert.equal(prefixContains(p, 0x20010db80002000000000000deadbeefn), false);
    assert.equal(prefixContains("2001:db8:1::/64", 0x20010db800010000ffffffffffffffffn), true);
  });
  test("prefixesOverlap", () => {
    assert.equal(prefixesOverlap("2001:db8::/32", "2001:db8:5::/48"), true);
    assert.equal(prefixesOverlap("2001:db8:5::/48", "2001:db8::/32"), true);
    assert.equal(prefixesOverlap("2001:db8:1::/64", "2001:db8:2::/64"), false);
    assert.equal(prefixesOverlap("2001:db8:1::/64", "2001:db8:1::/64"), true);
    assert.equal(prefixesOverlap("::/0", "2001:db8:1::/64"), true);
  });
});
