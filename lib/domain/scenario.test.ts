import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { resolveScenario, isAgreementInForce, type ScenarioInput } from "./scenario";

const now = new Date("2026-12-03T12:00:00.000Z");
const msa = { id: "p-msa", name: "Cellular", roles: ["ASP", "ASA", "MSP", "MSA"] };
const hotspot = { id: "p-hot", name: "Airport", roles: ["ASP"] };

function input(over: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    subscriber: { id: "s1", msaProviderId: msa.id, asaProviderId: null },
    msa,
    servingRealm: "airport.example",
    servingProvider: hotspot,
    agreements: [],
    now,
    ...over,
  };
}

describe("resolveScenario", () => {
  test("split from a known serving network", () => {
    const d = resolveScenario(input());
    assert.equal(d.kind, "split");
    if (d.kind === "split") {
      assert.equal(d.msaProviderId, "p-msa");
      assert.equal(d.mspProviderId, "p-msa");
      assert.match(d.because.join("\n"), /airport\.example of Airport/);
    }
  });
  test("split from an unknown serving realm", () => {
    const d = resolveScenario(input({ servingRealm: "", servingProvider: null }));
    assert.equal(d.kind, "split");
    assert.match(d.because[0], /unknown serving realm/);
  });
  test("rule 1: MSA without the MSA role", () => {
    const d = resolveScenario(input({ msa: { id: "p-ent", name: "Enterprise", roles: ["ASA"] }, subscriber: { id: "s1", msaProviderId: "p-ent", asaProviderId: null } }));
    assert.equal(d.kind, "refused");
    if (d.kind === "refused") {
      assert.equal(d.error, "infrastructureless_not_supported");
      assert.match(d.because.join("\n"), /Enterprise does not hold the MSA role/);
    }
  });
  test("rule 1: no MSA at all", () => {
    const d = resolveScenario(input({ msa: null, subscriber: { id: "s1", msaProviderId: null, asaProviderId: null } }));
    assert.equal(d.kind === "refused" && d.error, "infrastructureless_not_supported");
  });
});

describe("isAgreementInForce", () => {
  const a = { status: "active", validFrom: new Date("2026-01-01T00:00:00Z"), validUntil: new Date("2027-01-01T00:00:00Z") };
  test("active inside its window", () => assert.equal(isAgreementInForce(a, now), true));
  test("open-ended", () => assert.equal(isAgreementInForce({ ...a, validUntil: null }, now), true));
  test("not yet valid", () => assert.equal(isAgreementInForce({ ...a, validFrom: new Date("2026-12-04T00:00:00Z") }, now), false));
  test("expired", () => assert.equal(isAgreementInForce({ ...a, validUntil: new Date("2026-12-03T11:59:59Z") }, now), false));
  test("suspended / draft / terminated", () => {
    for (const status of ["suspended", "draft", "terminated"]) assert.equal(isAgreementInForce({ ...a, status }, now), false);
  });
});
