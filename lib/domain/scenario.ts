// Which RFC 4640 §7 scenario applies to a subscriber attached at a serving realm (DOMAIN.md
// "Scenario resolution"). This is the one home of that rule: the bootstrap endpoint, the explain view
// and the tests all call resolveScenario. Pure: the caller loads providers, roles and agreements.

export type ProviderRoleName = "ASP" | "ASA" | "MSP" | "MSA";

export type ScenarioProvider = { id: string; name: string; roles: readonly string[] };

export type AgreementFact = {
  id: string;
  kind: string; // "network-access" | "mobility"
  fromProviderId: string;
  toProviderId: string;
  status: string; // "draft" | "active" | "suspended" | "terminated"
  validFrom: Date;
  validUntil: Date | null;
  allowLocalHomeAgent: boolean;
};

export type ScenarioInput = {
  subscriber: { id: string; msaProviderId: string | null; asaProviderId: string | null };
  /** the subscriber's MSA provider with its roles, or null when it has none */
  msa: ScenarioProvider | null;
  /** normalised serving realm ("" when the MN does not know it) */
  servingRealm: string;
  /** the provider that serves `servingRealm`, or null when the realm is unknown */
  servingProvider: ScenarioProvider | null;
  /** agreements touching the MSA or the serving provider (any status; in-force is decided here) */
  agreements: readonly AgreementFact[];
  now: Date;
};

export type ScenarioError = "infrastructureless_not_supported" | "no_roaming_agreement";

export type ScenarioDecision =
  | {
      kind: "split";
      msaProviderId: string;
      /** provider whose HAs serve the subscriber: the home MSP in the split scenario */
      mspProviderId: string;
      because: string[];
    }
  | { kind: "refused"; error: ScenarioError; because: string[] };

export function hasRole(p: ScenarioProvider | null, role: ProviderRoleName): boolean {
  return !!p && p.roles.includes(role);
}

/** An agreement is in force only while active and inside its validity window (DOMAIN.md). */
export function isAgreementInForce(a: Pick<AgreementFact, "status" | "validFrom" | "validUntil">, now: Date): boolean {
  if (a.status !== "active") return false;
  if (a.validFrom.getTime() > now.getTime()) return false;
  return a.validUntil === null || a.validUntil.getTime() > now.getTime();
}

export function resolveScenario(input: ScenarioInput): ScenarioDecision {
  const because: string[] = [];
  const { msa } = input;
  const realm = input.servingRealm === "" ? "an unknown serving realm" : `serving realm ${input.servingRealm}`;
  because.push(
    input.servingProvider
      ? `attached at ${realm} of ${input.servingProvider.name}`
      : `attached at ${realm} (no provider known for it)`,
  );

  // Rule 1: no trust relationship with a mobility service authorizer, no service (RFC 4640 §9.1).
  if (!msa || input.subscriber.msaProviderId === null) {
    because.push("the subscriber has no mobility service authorizer");
    return { kind: "refused", error: "infrastructureless_not_supported", because };
  }
  if (!hasRole(msa, "MSA")) {
    because.push(`${msa.name} does not hold the MSA role, so nothing can authorize mobility service`);
    return { kind: "refused", error: "infrastructureless_not_supported", because };
  }
  because.push(`${msa.name} is the subscriber's MSA`);

  // Rules 2 (integrated-asp) and 3 (third-party-msp, no_roaming_agreement) plug in here; they use
  // input.servingProvider, input.agreements and isAgreementInForce.

  // Rule 4: split — the home MSP provides the HA from any access network, known or unknown (§7.1).
  because.push(`split scenario: the home MSP ${msa.name} provides the home agent`);
  return { kind: "split", msaProviderId: msa.id, mspProviderId: msa.id, because };
}
