import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { resolveScenario, isAgreementInForce, type ScenarioInput, type AgreementFact, type ScenarioProvider } from "./scenario";

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

// Every row of DOMAIN.md's scenario list, table-driven over one topology.
describe("resolveScenario: every RFC 4640 §7 scenario", () => {
  const cellular = { id: "p-cell", name: "Cellular", roles: ["ASP", "ASA", "MSP", "MSA"] };
  const airport = { id: "p-air", name: "Airport", roles: ["ASP"] };
  const enterprise = { id: "p-ent", name: "Enterprise", roles: ["MSA"] };
  const thirdMsp = { id: "p-3msp", name: "Mobility Inc", roles: ["MSP", "ASP"] };
  const asaOnly = { id: "p-asa", name: "Campus ASA", roles: ["ASA"] };
  const day = 86_400_000;
  const ag = (o: Partial<AgreementFact> & Pick<AgreementFact, "id" | "kind" | "fromProviderId" | "toProviderId">): AgreementFact => ({
    status: "active", validFrom: new Date(now.getTime() - 30 * day), validUntil: null, allowLocalHomeAgent: false, ...o,
  });
  const naAirport = ag({ id: "a-na", kind: "network-access", fromProviderId: airport.id, toProviderId: cellular.id });
  const mobEnt = ag({ id: "a-mob", kind: "mobility", fromProviderId: thirdMsp.id, toProviderId: enterprise.id });
  const mobLocal = ag({ id: "a-loc", kind: "mobility", fromProviderId: thirdMsp.id, toProviderId: cellular.id, allowLocalHomeAgent: true });

  type Row = {
    name: string; msa: ScenarioProvider | null; asa: string | null; serving: ScenarioProvider | null; agreements: AgreementFact[];
    expect: string; msp?: string; local?: string | null; ids?: string[];
  };
  const rows: Row[] = [
    { name: "split from an unknown network", msa: cellular, asa: null, serving: null, agreements: [], expect: "split", msp: cellular.id, local: null },
    { name: "split from a foreign hotspot without any agreement", msa: cellular, asa: null, serving: airport, agreements: [], expect: "split", msp: cellular.id },
    { name: "integrated ASP at home", msa: cellular, asa: cellular.id, serving: cellular, agreements: [], expect: "integrated-asp", msp: cellular.id, ids: [] },
    { name: "integrated ASP roaming via network-access agreement", msa: cellular, asa: cellular.id, serving: airport, agreements: [naAirport], expect: "integrated-asp", msp: cellular.id, ids: ["a-na"] },
    { name: "integrated identity at a hotspot whose agreement is suspended falls back to split", msa: cellular, asa: cellular.id, serving: airport, agreements: [{ ...naAirport, status: "suspended" }], expect: "split" },
    { name: "network-access NAI at another ASA is split", msa: cellular, asa: asaOnly.id, serving: cellular, agreements: [], expect: "split" },
    { name: "third-party MSP for an MSA without HAs", msa: enterprise, asa: null, serving: airport, agreements: [mobEnt], expect: "third-party-msp", msp: thirdMsp.id, ids: ["a-mob"] },
    { name: "third-party MSP: no agreement", msa: enterprise, asa: null, serving: airport, agreements: [], expect: "no_roaming_agreement" },
    { name: "third-party MSP: agreement suspended", msa: enterprise, asa: null, serving: airport, agreements: [{ ...mobEnt, status: "suspended" }], expect: "no_roaming_agreement" },
    { name: "third-party MSP: agreement terminated", msa: enterprise, asa: null, serving: airport, agreements: [{ ...mobEnt, status: "terminated" }], expect: "no_roaming_agreement" },
    { name: "third-party MSP: agreement still draft", msa: enterprise, asa: null, serving: airport, agreements: [{ ...mobEnt, status: "draft" }], expect: "no_roaming_agreement" },
    { name: "third-party MSP: agreement starts now", msa: enterprise, asa: null, serving: null, agreements: [{ ...mobEnt, validFrom: now }], expect: "third-party-msp" },
    { name: "third-party MSP: agreement ends now", msa: enterprise, asa: null, serving: null, agreements: [{ ...mobEnt, validUntil: now }], expect: "no_roaming_agreement" },
    { name: "third-party MSP: agreement in the past", msa: enterprise, asa: null, serving: null, agreements: [{ ...mobEnt, validFrom: new Date(now.getTime() - 9 * day), validUntil: new Date(now.getTime() - day) }], expect: "no_roaming_agreement" },
    { name: "third-party MSP: agreement in the future", msa: enterprise, asa: null, serving: null, agreements: [{ ...mobEnt, validFrom: new Date(now.getTime() + day) }], expect: "no_roaming_agreement" },
    { name: "local HA assignment by a serving MSP (split)", msa: cellular, asa: null, serving: thirdMsp, agreements: [mobLocal], expect: "split", msp: cellular.id, local: thirdMsp.id, ids: ["a-loc"] },
    { name: "no local HA when the agreement does not allow it", msa: cellular, asa: null, serving: thirdMsp, agreements: [{ ...mobLocal, allowLocalHomeAgent: false }], expect: "split", local: null },
    { name: "no local HA when the agreement is suspended", msa: cellular, asa: null, serving: thirdMsp, agreements: [{ ...mobLocal, status: "suspended" }], expect: "split", local: null },
    { name: "local HA in the third-party scenario", msa: enterprise, asa: null, serving: thirdMsp, agreements: [{ ...mobEnt, allowLocalHomeAgent: true }], expect: "third-party-msp", msp: thirdMsp.id, local: thirdMsp.id },
    { name: "infrastructureless: MSA role missing", msa: asaOnly, asa: null, serving: airport, agreements: [mobEnt], expect: "infrastructureless_not_supported" },
    { name: "infrastructureless: no MSA", msa: null, asa: null, serving: airport, agreements: [], expect: "infrastructureless_not_supported" },
  ];
  for (const r of rows) {
    test(r.name, () => {
      const d = resolveScenario({
        subscriber: { id: "s", msaProviderId: r.msa?.id ?? null, asaProviderId: r.asa },
        msa: r.msa, servingRealm: r.serving ? "x.example" : "", servingProvider: r.serving, agreements: r.agreements, now,
        providerNames: { [thirdMsp.id]: thirdMsp.name, [airport.id]: airport.name },
      });
      const got = d.kind === "refused" ? d.error : d.kind;
      assert.equal(got, r.expect, d.because.join("\n"));
      assert.ok(d.because.length >= 2);
      if (d.kind !== "refused") {
        if (r.msp !== undefined) assert.equal(d.mspProviderId, r.msp);
        if (r.local !== undefined) assert.equal(d.localMspProviderId, r.local);
        if (r.ids !== undefined) assert.deepEqual(d.agreementIds, r.ids);
      }
    });
  }
  test("explanations name providers, not ids", () => {
    const d = resolveScenario({
      subscriber: { id: "s", msaProviderId: enterprise.id, asaProviderId: null }, msa: enterprise, servingRealm: "", servingProvider: null,
      agreements: [mobEnt], now, providerNames: { [thirdMsp.id]: thirdMsp.name },
    });
    assert.match(d.because.join("\n"), /third-party MSP Mobility Inc provides the home agent/);
  });
});
