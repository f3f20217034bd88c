import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAddress, parsePrefix, interfaceId } from "./ipv6";
import { completionBlocker, isDormant, keepInterfaceId, planNewAddress, renumberingTargetProblem } from "./renumbering";

function P(text: string) {
  const p = parsePrefix(text);
  if (!p.ok) throw new Error(p.message);
  return p;
}
function A(text: string) {
  const a = parseAddress(text);
  if (!a.ok) throw new Error(a.message);
  return a.value;
}
const never = () => false;
const noFallback = () => {
  throw new Error("fallback must not be used");
};

test("the new HoA keeps the interface identifier in the new prefix (any spelling in, RFC 5952 out)", () => {
  const r = planNewAddress(A("2001:0DB8:0001:0000:1234:5678:9ABC:DEF0"), P("2001:db8:1::/64"), P("2001:db8:FFFF::/64"), never, noFallback);
  assert.ok(r);
  assert.equal(r.address, "2001:db8:ffff:0:1234:5678:9abc:def0");
  assert.equal(r.keptIid, true);
  assert.equal(interfaceId(r.value), interfaceId(A("2001:db8:1::1234:5678:9abc:def0")));
});

test("into a larger prefix the whole host part is kept", () => {
  assert.equal(keepInterfaceId(A("2001:db8:1::42"), P("2001:db8:1::/120"), P("2001:db8:2::/64")), A("2001:db8:2::42"));
  assert.equal(keepInterfaceId(A("2001:db8:1:5::7"), P("2001:db8:1::/56"), P("2001:db8:a00::/48")), A("2001:db8:a00:5::7"));
});

test("a smaller or overlapping new prefix is refused", () => {
  assert.match(renumberingTargetProblem(P("2001:db8:1::/64"), P("2001:db8:2::/120"))!, /at least as large/);
  assert.match(renumberingTargetProblem(P("2001:db8:1::/64"), P("2001:db8:1::/48"))!, /overlaps/);
  assert.equal(renumberingTargetProblem(P("2001:db8:1::/64"), P("2001:db8:2::/64")), null);
});

test("a kept address that is taken (HA address, another lease) falls back and says why", () => {
  const taken = new Set([A("2001:db8:2::1")]);
  const r = planNewAddress(A("2001:db8:1::1"), P("2001:db8:1::/64"), P("2001:db8:2::/64"), (v) => taken.has(v), (c) => A("2001:db8:2::100") + BigInt(c));
  assert.ok(r);
  assert.equal(r.address, "2001:db8:2::100");
  assert.equal(r.keptIid, false);
  assert.match(r.note!, /already in use/);
});

test("a kept address reserved in the new prefix falls back (RFC 2526 range differs for long prefixes)", () => {
  const oldP = P("2001:db8:1::/121");
  const newP = P("2001:db8:2::/120");
  // Only the top 128 host values of the /120 (0x80–0xff) are reserved; a /121 host part never reaches them.
  assert.equal(planNewAddress(A("2001:db8:1::10"), oldP, newP, never, noFallback)!.address, "2001:db8:2::10");
  // Fallbacks that are reserved or outside the prefix are skipped.
  const r = planNewAddress(A("2001:db8:1::5"), oldP, newP, (v) => v === A("2001:db8:2::5"), (c) => [A("2001:db8:2::"), A("2001:db8:2::ff"), A("2001:db8:3::9"), A("2001:db8:2::9")][c]);
  assert.equal(r!.address, "2001:db8:2::9");
});

test("no candidate at all gives null", () => {
  assert.equal(planNewAddress(A("2001:db8:1::5"), P("2001:db8:1::/64"), P("2001:db8:2::/64"), () => true, (c) => A("2001:db8:2::5") + BigInt(c), 4), null);
});

test("dormant once not seen for the idle time, whenever the announcement was; never seen counts from creation", () => {
  const created = new Date("2025-01-01T00:00:00Z");
  const day = 86400;
  // Seen 23 h before "now": still pending; 1 s past a day: dormant.
  assert.equal(isDormant(new Date("2026-01-01T01:00:00Z"), created, new Date("2026-01-02T00:00:00Z"), day), false);
  assert.equal(isDormant(new Date("2026-01-01T00:00:00Z"), created, new Date("2026-01-02T00:00:01Z"), day), true);
  // Exactly the idle time is not yet longer than it.
  assert.equal(isDormant(new Date("2026-01-01T00:00:00Z"), created, new Date("2026-01-02T00:00:00Z"), day), false);
  // Asleep for months when the renumbering is announced: dormant at once.
  assert.equal(isDormant(new Date("2025-06-01T00:00:00Z"), created, new Date("2026-01-01T00:00:00Z"), day), true);
  // Never bootstrapped: the subscriber's creation is the last time anyone could have seen it.
  assert.equal(isDormant(null, new Date("2026-01-01T12:00:00Z"), new Date("2026-01-02T00:00:00Z"), day), false);
  assert.equal(isDormant(null, new Date("2026-01-01T12:00:00Z"), new Date("2026-01-02T12:00:01Z"), day), true);
});

test("completion is blocked while any member is pending or dormant", () => {
  assert.equal(completionBlocker({ pending: 0, migrated: 5, dormant: 0 }), null);
  assert.match(completionBlocker({ pending: 2, migrated: 5, dormant: 1 })!, /2 subscribers are still pending and 1 dormant/);
  assert.match(completionBlocker({ pending: 0, migrated: 5, dormant: 1 })!, /force=true/);
});
