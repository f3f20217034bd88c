import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePrefix } from "./ipv6";
import {
  nextFreeSlash64, slash64Count, slash64Text, usedSlash64s, utilisationBasisPoints, utilisationLevel, type Range,
} from "./aggregate";

function agg(text: string) {
  const p = parsePrefix(text);
  if (!p.ok) throw new Error(p.message);
  return p;
}
function range(text: string): Range {
  const p = agg(text);
  return { start: BigInt(`0x${p.startHex}`), end: BigInt(`0x${p.endHex}`) };
}

test("a /29 holds 2^35 /64s, exactly", () => {
  assert.equal(slash64Count(29), 34359738368n);
  assert.equal(slash64Count(29).toString(), "34359738368");
  assert.equal(slash64Count(48), 65536n);
  assert.equal(slash64Count(64), 1n);
  assert.equal(slash64Count(16), 1n << 48n);
});

test("next free /64 of an empty aggregate is its first /64, in RFC 5952 form", () => {
  const n = nextFreeSlash64(agg("2001:DB8::/29"), []);
  assert.equal(n === null ? null : slash64Text(n).canonical, "2001:db8::/64");
});

test("next free /64 skips used prefixes, including partial (/120) and wider (/56) ones", () => {
  const a = agg("2001:db8:100::/48");
  const used = [range("2001:db8:100::/64"), range("2001:db8:100:1::100/120"), range("2001:db8:100:100::/56")];
  assert.equal(slash64Text(nextFreeSlash64(a, used)!).canonical, "2001:db8:100:2::/64");
  // a gap before a used block is found
  const used2 = [range("2001:db8:100:1::/64")];
  assert.equal(slash64Text(nextFreeSlash64(a, used2)!).canonical, "2001:db8:100::/64");
  // unordered input and prefixes outside the aggregate change nothing
  const used3 = [range("2001:db8:100:2::/64"), range("2001:db8:ffff::/64"), range("2001:db8:100::/63")];
  assert.equal(slash64Text(nextFreeSlash64(a, used3)!).canonical, "2001:db8:100:3::/64");
});

test("a full aggregate has no next /64; a covering prefix fills it", () => {
  assert.equal(nextFreeSlash64(agg("2001:db8:1::/63"), [range("2001:db8:1::/64"), range("2001:db8:1:1::/64")]), null);
  assert.equal(nextFreeSlash64(agg("2001:db8:1::/62"), [range("2001:db8::/32")]), null);
  // the last /64 of a /29 is found without iterating 2^35 values
  const a = agg("2001:db8::/29");
  const allButLast = [range("2001:db8::/30"), range("2001:dbc::/31"), range("2001:dbe::/32"), range("2001:dbf::/33"),
    { start: BigInt(`0x${agg("2001:dbf:8000::/33").startHex}`), end: BigInt(`0x${agg("2001:dbf:ffff:fffe::/64").endHex}`) }];
  assert.equal(slash64Text(nextFreeSlash64(a, allButLast)!).canonical, "2001:dbf:ffff:ffff::/64");
  assert.equal(usedSlash64s(a, allButLast), (1n << 35n) - 1n);
});

test("used /64s count each /64 once and clip to the aggregate", () => {
  const a = agg("2001:db8::/48");
  assert.equal(usedSlash64s(a, [range("2001:db8::/64"), range("2001:db8::/120"), range("2001:db8:0:1::/64")]), 2n);
  assert.equal(usedSlash64s(a, [range("2001:db8::/32")]), 65536n);
});

test("utilisation in basis points and levels: 80 % warns, 90 % is critical, exact on huge totals", () => {
  assert.equal(utilisationBasisPoints(0n, 100n), 0);
  assert.equal(utilisationBasisPoints(1n, 1n << 35n), 1);
  assert.equal(utilisationBasisPoints(50n, 100n), 5000);
  assert.equal(utilisationLevel(79n, 100n), "ok");
  assert.equal(utilisationLevel(80n, 100n), "warning");
  assert.equal(utilisationLevel(89n, 100n), "warning");
  assert.equal(utilisationLevel(90n, 100n), "critical");
  const total = 1n << 35n;
  assert.equal(utilisationLevel((total * 8n) / 10n - 1n, total), "ok");
  assert.equal(utilisationLevel((total * 8n) / 10n + 1n, total), "warning");
});
