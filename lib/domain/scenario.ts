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
  /** display names of the providers the agreements name (for the explanation); ids are shown otherwise */
  providerNames?: Readonly<Record<string, string>>;
  now: Date;
};

export type ScenarioError = "infrastructureless_not_supported" | "no_roaming_agreement";

export type ScenarioKind = "split" | "integrated-asp" | "third-party-msp";

export type ScenarioDecision =
  | {
      kind: ScenarioKind;
      msaProviderId: string;
      /** provider whose HAs serve the subscriber: the home MSP (split, integrated) or a third-party MSP */
      mspProviderId: string;
      /**
       * a serving MSP allowed to assign a local HA (a mobility agreement in force with allowLocalHomeAgent,
       * RFC 4640 §5.2 / RFC 5447 LOCAL_HOME_AGENT_ASSIGNMENT); HA selection tries its HAs first
       */
      localMspProviderId: string | null;
      /** the agreements in force this decision relied on */
      agreementIds: string[];
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

const byId = (a: AgreementFact, b: AgreementFact) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function describeAgreement(a: AgreementFact, now: Date, nameOf: (id: string) => string): string {
  const window = `${a.validFrom.toISOString()} – ${a.validUntil ? a.validUntil.toISOString() : "open-ended"}`;
  const state = isAgreementInForce(a, now) ? "in force" : a.status !== "active" ? a.status : a.validFrom > now ? "not yet valid" : "expired";
  return `${a.kind} agreement ${a.id} ${nameOf(a.fromProviderId)} → ${nameOf(a.toProviderId)} (${a.status}, ${window}): ${state}`;
}

export function resolveScenario(input: ScenarioInput): ScenarioDecision {
  const because: string[] = [];
  const { msa, servingProvider: serving, now } = input;
  const nameOf = (id: string) => input.providerNames?.[id] ?? id;
  const realm = input.servingRealm === "" ? "an unknown serving realm" : `serving realm ${input.servingRealm}`;
  because.push(serving ? `attached at ${realm} of ${serving.name}` : `attached at ${realm} (no provider known for it)`);

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

  const agreements = [...input.agreements].sort(byId);
  const inForce = (a: AgreementFact) => isAgreementInForce(a, now);
  // MSPs with a mobility agreement (MSP -> MSA) in force for this MSA.
  const mobility = agreements.filter((a) => a.kind === "mobility" && a.toProviderId === msa.id);
  for (const a of mobility) because.push(describeAgreement(a, now, nameOf));
  const mobilityInForce = mobility.filter(inForce);

  // Local HA assignment (§5.2): the serving network's own MSP, when its agreement with the MSA allows it.
  const localAgreement =
    serving && serving.id !== msa.id && hasRole(serving, "MSP")
      ? mobilityInForce.find((a) => a.fromProviderId === serving.id && a.allowLocalHomeAgent) ?? null
      : null;
  const local = () => {
    if (!localAgreement || !serving) return { localMspProviderId: null, ids: [] as string[] };
    because.push(`local home agent assignment allowed: ${serving.name} is an MSP and agreement ${localAgreement.id} allows it`);
    return { localMspProviderId: serving.id, ids: [localAgreement.id] };
  };

  /** The MSP that provides the HA when the MSA is not an MSP itself: prefer the serving MSP, then the oldest agreement. */
  const thirdPartyMsp = (): AgreementFact | null =>
    mobilityInForce.find((a) => serving && a.fromProviderId === serving.id) ?? mobilityInForce[0] ?? null;

  // Rule 2: integrated ASP — the subscriber's ASA is its MSA, and it is attached at that provider's own
  // access network or roams into it through a network-access agreement in force (§7.2).
  const integratedAsa = input.subscriber.asaProviderId === msa.id && hasRole(msa, "ASA");
  if (integratedAsa && serving) {
    let via: AgreementFact | null = null;
    let direct = false;
    if (serving.id === msa.id) direct = hasRole(serving, "ASP");
    else if (hasRole(serving, "ASP")) {
      const na = agreements.filter((a) => a.kind === "network-access" && a.fromProviderId === serving.id && a.toProviderId === msa.id);
      for (const a of na) because.push(describeAgreement(a, now, nameOf));
      via = na.find(inForce) ?? null;
    }
    if (direct || via) {
      because.push(
        direct
          ? `${msa.name} is the subscriber's ASA and MSA and runs this access network: integrated ASP`
          : `${serving.name} lets ${msa.name}'s subscribers attach (network-access agreement ${via!.id} in force): integrated ASP`,
      );
      because.push("mobility is bootstrapped from the network-access trust; K_na stays separate from the mobility keys");
      const ids = via ? [via.id] : [];
      if (hasRole(msa, "MSP")) {
        const l = local();
        because.push(`the home MSP ${msa.name} provides the home agent`);
        return { kind: "integrated-asp", msaProviderId: msa.id, mspProviderId: msa.id, localMspProviderId: l.localMspProviderId, agreementIds: [...ids, ...l.ids], because };
      }
      const tp = thirdPartyMsp();
      if (!tp) {
        because.push(`${msa.name} runs no home agents and no mobility agreement with an MSP is in force`);
        return { kind: "refused", error: "no_roaming_agreement", because };
      }
      const l = local();
      because.push(`MSP ${nameOf(tp.fromProviderId)} provides the home agent under mobility agreement ${tp.id}`);
      return { kind: "integrated-asp", msaProviderId: msa.id, mspProviderId: tp.fromProviderId, localMspProviderId: l.localMspProviderId, agreementIds: [...ids, tp.id, ...l.ids], because };
    }
    because.push(`${serving.name} is not ${msa.name}'s access network and no network-access agreement with it is in force`);
  }

  // Rule 3: the MSA runs no home agents, so a third-party MSP must provide one (§7.3).
  if (!hasRole(msa, "MSP")) {
    const tp = thirdPartyMsp();
    if (!tp) {
      because.push(`${msa.name} is not an MSP and no mobility agreement with an MSP is in force`);
      return { kind: "refused", error: "no_roaming_agreement", because };
    }
    const l = local();
    because.push(`third-party MSP ${nameOf(tp.fromProviderId)} provides the home agent under mobility agreement ${tp.id}`);
    return { kind: "third-party-msp", msaProviderId: msa.id, mspProviderId: tp.fromProviderId, localMspProviderId: l.localMspProviderId, agreementIds: [tp.id, ...l.ids], because };
  }

  // Rule 4: split — the home MSP provides the HA from any access network, known or unknown (§7.1).
  const l = local();
  because.push(`split scenario: the home MSP ${msa.name} provides the home agent`);
  return { kind: "split", msaProviderId: msa.id, mspProviderId: msa.id, localMspProviderId: l.localMspProviderId, agreementIds: l.ids, because };
}
