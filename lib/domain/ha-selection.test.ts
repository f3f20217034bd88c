import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { selectHomeAgent, type HomeAgentCandidate } from "./ha-selection";

function ha(name: string, over: Partial<HomeAgentCandidate> = {}): HomeAgentCandidate {
  return {
    id: `id-${name}`, name, fqdn: `${name}.msp.example`, address: "2001:db8::1", region: "eu-west", capacity: 100,
    state: "in-service", providerId: "msp", activeBindings: 0, ...over,
  };
}
const base = { pinned: null, local: [], current: null, servingRegion: null };

describe("selectHomeAgent", () => {
  test("least-loaded by utilisation", () => {
    const r = selectHomeAgent({ ...base, candidates: [ha("a", { activeBindings: 50 }), ha("b", { activeBindings: 10 }), ha("c", { activeBindings: 30, capacity: 20 })] });
    assert.equal(r.ok && r.homeAgent.name, "b");
    assert.equal(r.ok && r.rule, "least-loaded");
  });
  test("skips full, draining and out-of-service HAs", () => {
    const r = selectHomeAgent({
      ...base,
      candidates: [ha("a", { activeBindings: 100 }), ha("b", { state: "draining" }), ha("c", { state: "out-of-service" }), ha("d", { activeBindings: 99 })],
    });
    assert.equal(r.ok && r.homeAgent.name, "d");
  });
  test("tie: same region as the serving realm first, then name", () => {
    const cands = [ha("b", { region: "us-east" }), ha("c", { region: "eu-west" }), ha("a", { region: "us-east" })];
    const eu = selectHomeAgent({ ...base, servingRegion: "eu-west", candidates: cands });
    assert.equal(eu.ok && eu.homeAgent.name, "c");
    const us = selectHomeAgent({ ...base, servingRegion: "us-east", candidates: cands });
    assert.equal(us.ok && us.homeAgent.name, "a");
    const none = selectHomeAgent({ ...base, candidates: cands });
    assert.equal(none.ok && none.homeAgent.name, "a");
  });
  test("pinned in service wins even over a less-loaded HA", () => {
    const pinned = ha("p", { activeBindings: 90 });
    const r = selectHomeAgent({ ...base, pinned, candidates: [pinned, ha("a")] });
    assert.equal(r.ok && r.homeAgent.name, "p");
    assert.equal(r.ok && r.rule, "pinned");
  });
  test("pinned but draining falls back with a reason", () => {
    const pinned = ha("p", { state: "draining" });
    const r = selectHomeAgent({ ...base, pinned, candidates: [pinned, ha("a")] });
    assert.equal(r.ok && r.homeAgent.name, "a");
    assert.match(r.because.join(" "), /pinned home agent p is draining/);
  });
  test("local assignment seam comes before the providing MSP", () => {
    const r = selectHomeAgent({ ...base, local: [ha("l", { providerId: "serving" })], candidates: [ha("a")] });
    assert.equal(r.ok && r.rule, "local");
  });
  test("current HA is kept while usable, dropped when full", () => {
    const cur = ha("z", { activeBindings: 40 });
    const keep = selectHomeAgent({ ...base, current: cur, candidates: [cur, ha("a")] });
    assert.equal(keep.ok && keep.homeAgent.name, "z");
    const full = ha("z", { activeBindings: 100 });
    const moved = selectHomeAgent({ ...base, current: full, candidates: [full, ha("a")] });
    assert.equal(moved.ok && moved.homeAgent.name, "a");
  });
  test("none available", () => {
    const r = selectHomeAgent({ ...base, candidates: [ha("a", { activeBindings: 100 }), ha("b", { state: "out-of-service" })] });
    assert.equal(r.ok, false);
    assert.match(r.because.join(" "), /no home agent in service with spare capacity/);
    const empty = selectHomeAgent({ ...base, candidates: [] });
    assert.match(empty.because.join(" "), /has no home agent/);
  });
});
