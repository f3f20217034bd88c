import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { buildGraph, buildMatrix, cellKey, pairCell, type OverviewAgreement } from "./agreement-overview";

const now = new Date("2026-12-03T12:00:00Z");
const h = (n: number) => new Date(now.getTime() + n * 3600_000);
const providers = [
  { id: "air", name: "Airport", roles: ["ASP"] },
  { id: "cell", name: "Cellular", roles: ["ASP", "ASA", "MSP", "MSA"] },
  { id: "ent", name: "Enterprise", roles: ["MSA"] },
  { id: "host", name: "HostCo", roles: ["MSP"] },
];
let n = 0;
const ag = (o: Partial<OverviewAgreement>): OverviewAgreement => ({
  id: `a${++n}`, kind: "mobility", fromProviderId: "host", toProviderId: "ent", status: "active", validFrom: h(-1), validUntil: null, allowLocalHomeAgent: false, ...o,
});

describe("pairCell", () => {
  const cases: [string, OverviewAgreement[], string, boolean][] = [
    ["nothing", [], "none", false],
    ["active in window", [ag({ id: "x" })], "in-force", true],
    ["active, window ends now (half-open)", [ag({ id: "x", validUntil: now })], "none", true],
    ["active, window starts now", [ag({ id: "x", validFrom: now })], "in-force", true],
    ["suspended", [ag({ id: "x", status: "suspended" })], "suspended", true],
    ["draft", [ag({ id: "x", status: "draft" })], "none", true],
    ["terminated only", [ag({ id: "x", status: "terminated" })], "none", false],
    ["expired and a newer one in force", [ag({ validFrom: h(-10), validUntil: h(-5) }), ag({ id: "x", validFrom: h(-5) })], "in-force", true],
    ["in force wins over suspended", [ag({ status: "suspended", validFrom: h(1) }), ag({ id: "x", validFrom: h(-2), validUntil: h(1) })], "in-force", true],
  ];
  for (const [name, pair, state, linked] of cases) {
    test(name, () => {
      const c = pairCell(pair, now);
      assert.equal(c.state, state);
      assert.equal(c.agreementId !== null, linked);
      if (state !== "none" && linked) assert.equal(c.agreementId, "x");
    });
  }
  test("the label says why a linked cell is none", () => assert.equal(pairCell([ag({ status: "active", validFrom: h(2) })], now).label, "none (not yet valid)"));
  test("local HA assignment shows in the label", () => assert.equal(pairCell([ag({ allowLocalHomeAgent: true })], now).label, "in force (local HA)"));
});

describe("buildMatrix", () => {
  const agreements = [ag({ id: "m1" }), ag({ id: "n1", kind: "network-access", fromProviderId: "air", toProviderId: "cell", status: "suspended" })];
  test("mobility: MSPs × MSAs, sorted by name, self cell for an integrated provider", () => {
    const m = buildMatrix("mobility", providers, agreements, now);
    assert.deepEqual(m.rows.map((p) => p.id), ["cell", "host"]);
    assert.deepEqual(m.cols.map((p) => p.id), ["cell", "ent"]);
    assert.equal(m.cells[cellKey("host", "ent")].state, "in-force");
    assert.equal(m.cells[cellKey("host", "ent")].agreementId, "m1");
    assert.equal(m.cells[cellKey("cell", "cell")].state, "self");
    assert.equal(m.cells[cellKey("cell", "ent")].state, "none");
  });
  test("network-access: serving ASPs × ASAs", () => {
    const m = buildMatrix("network-access", providers, agreements, now);
    assert.deepEqual(m.rows.map((p) => p.id), ["air", "cell"]);
    assert.deepEqual(m.cols.map((p) => p.id), ["cell"]);
    assert.equal(m.cells[cellKey("air", "cell")].state, "suspended");
  });
});

describe("buildGraph", () => {
  test("one node per provider role, edges between the kind's columns, terminated left out", () => {
    const g = buildGraph(providers, [ag({ id: "m1" }), ag({ id: "t", status: "terminated" }), ag({ id: "n", kind: "network-access", fromProviderId: "air", toProviderId: "cell", status: "draft" })], now);
    assert.equal(g.nodes.length, 7); // ASP: air, cell; ASA: cell; MSP: cell, host; MSA: cell, ent
    assert.deepEqual(g.edges.map((e) => [e.agreementId, e.from.key, e.to.key, e.state]), [
      ["m1", "MSP:host", "MSA:ent", "in force"],
      ["n", "ASP:air", "ASA:cell", "draft"],
    ]);
    assert.ok(g.edges.every((e) => e.to.x > e.from.x));
    assert.ok(g.nodes.every((n2) => n2.x < g.width && n2.y < g.height));
  });
  test("an agreement whose provider lost the role has no edge", () => {
    const g = buildGraph(providers, [ag({ id: "z", fromProviderId: "air" })], now);
    assert.equal(g.edges.length, 0);
  });
});
