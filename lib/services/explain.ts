// "Explain" (issue 3 item 6): what the bootstrap endpoint would decide for a subscriber attached at a
// serving realm — the roles and agreements considered, the scenario or the refusal and why, and the HA
// that would be chosen — WITHOUT recording a session, taking a nonce or assigning a home address.
// It calls the bootstrap's own decision (lib/bootstrap/decide.ts decideBootstrap, read-only), the same
// function handle-bootstrap.ts calls after authentication, so the two cannot disagree on the scenario or the HA.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { HomeAddressMode } from "@/lib/domain/home-address";
import { decideBootstrap } from "@/lib/bootstrap/decide";
import type { AuthSubscriber } from "@/lib/bootstrap/authenticate";
import { agreementState, isAgreementInForce } from "@/lib/domain/agreements";
import { parseRealm } from "@/lib/domain/nai";
import type { ScenarioDecision, ScenarioProvider } from "@/lib/domain/scenario";
import { HOME_ADDRESS_POLICIES } from "@/lib/domain/schemas/subscriber";
import { idField, naiField } from "@/lib/domain/schemas/fields";
import { parseListQuery } from "@/lib/data/pagination";
import { getSubscriber, listSubscribers, type SubscriberDto } from "@/lib/data/subscribers";
import { NotFoundError } from "@/lib/errors";

const optional = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ExplainQuerySchema = z.object({
  subscriberId: z.preprocess(optional, idField("subscriberId").optional()),
  /** instead of subscriberId: the mobility NAI (the console's explain page asks for it) */
  nai: z.preprocess(optional, naiField.optional()),
  servingRealm: z
    .preprocess((v) => (v === undefined || v === null ? "" : v), z.string().max(253, "servingRealm is at most 253 characters"))
    .transform((v, ctx) => {
      const t = v.trim();
      if (t === "") return "";
      const r = parseRealm(t);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: `not a valid realm: ${r.message} (leave it empty when unknown)` });
        return z.NEVER;
      }
      return r.realm;
    }),
  homeAddressMode: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(HOME_ADDRESS_POLICIES, { error: "homeAddressMode must be static, dynamic or privacy" }).optional()),
  now: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? new Date(v) : v === "" || v === null ? undefined : v),
    z.date({ error: "now must be an RFC 3339 date-time" }).refine((d) => !Number.isNaN(d.getTime()), "now must be an RFC 3339 date-time").optional(),
  ),
}).superRefine((q, ctx) => {
  if (!q.subscriberId && !q.nai) ctx.addIssue({ code: "custom", path: ["subscriberId"], message: "subscriberId (or nai) is required" });
});
export type ExplainQuery = { subscriberId?: string; nai?: string; servingRealm?: string; homeAddressMode?: string; now?: Date | string };

type ProviderView = { id: string; name: string; roles: string[] } | null;

export type ExplainedAgreement = {
  id: string;
  kind: string;
  fromProviderId: string;
  fromProviderName: string;
  toProviderId: string;
  toProviderName: string;
  status: string;
  validFrom: string;
  validUntil: string | null;
  allowLocalHomeAgent: boolean;
  state: string;
  inForce: boolean;
  /** the decision relied on this agreement */
  used: boolean;
};

export type Explanation = {
  at: string;
  subscriber: { id: string; nai: string; status: string; suspendedReason: string | null; msaProviderId: string; asaProviderId: string | null };
  servingRealm: string;
  servingProvider: ProviderView;
  servingRegion: string | null;
  msa: ProviderView;
  agreements: ExplainedAgreement[];
  /** what the bootstrap endpoint would answer for a correctly signed, fresh request: "success" or its error code */
  outcome: string;
  decision:
    | { kind: "refused"; error: string; because: string[] }
    | { kind: string; mspProvider: ProviderView; localMspProvider: ProviderView; agreementIds: string[]; because: string[] };
  homeAddressMode: { requested: string; effective: string; note: string | null };
  homeAgent:
    | { ok: true; rule: string; homeAgent: { id: string; name: string; fqdn: string; address: string; region: string; capacity: number; activeBindings: number; state: string }; because: string[] }
    | { ok: false; error: string; because: string[] }
    | null;
  /** every reason, in the order the bootstrap records them in a session's explanation */
  because: string[];
};

const view = (p: ScenarioProvider | null): ProviderView => (p ? { id: p.id, name: p.name, roles: [...p.roles] } : null);

/** By id, or by exact (normalised) NAI through the scoped NAI search; 404 when not visible either way. */
async function visibleSubscriber(actor: Actor, id: string | undefined, nai: string | undefined): Promise<SubscriberDto> {
  if (id) return getSubscriber(actor, id);
  // The NAI index sorts an exact match first among the NAIs that start with it.
  const page = await listSubscribers(actor, { q: nai, limit: 1 });
  const hit = page.items[0];
  if (!hit || hit.nai !== nai) throw new NotFoundError("subscriber");
  return hit;
}

/**
 * Explain the decision for one subscriber at one serving realm. The subscriber must be visible to the
 * actor (404 otherwise). Reads only: nothing is recorded.
 */
export async function explainBootstrap(actor: Actor, query: ExplainQuery): Promise<Explanation> {
  const q = parseListQuery(ExplainQuerySchema, query);
  const now = q.now ?? new Date();
  const s = await visibleSubscriber(actor, q.subscriberId, q.nai); // scope check: 404 for an invisible subscriber
  const db = getDb();
  const sub: AuthSubscriber = {
    id: s.id, nai: s.nai, status: s.status, msaProviderId: s.msaProviderId, asaProviderId: s.asaProviderId,
    homeAddressPolicy: s.homeAddressPolicy, staticHomeAddress: s.staticHomeAddress, pinnedHomeAgentId: s.pinnedHomeAgentId,
    homeAgentId: s.homeAgentId, rebootstrapRequired: s.rebootstrapRequired, rebootstrapReason: s.rebootstrapReason,
  };

  const requested = (q.homeAddressMode ?? s.homeAddressPolicy) as HomeAddressMode;
  const decided = await decideBootstrap(db, sub, q.servingRealm, requested, now);
  const decision: ScenarioDecision = decided.scenario;
  const mode = decided.homeAddressMode;
  // Names and roles for the agreements table (the decision itself uses exactly the bootstrap's facts).
  const ids = [...new Set(decided.input.agreements.flatMap((a) => [a.fromProviderId, a.toProviderId]))];
  const named = await db.provider.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, roles: { select: { role: true } } } });
  const providers = new Map(named.map((p) => [p.id, { id: p.id, name: p.name, roles: p.roles.map((r) => r.role) }]));
  const nameOf = (id: string) => providers.get(id)?.name ?? id;

  const because: string[] = [];
  // The bootstrap refuses a suspended subscriber right after authentication, before any scenario.
  if (s.status === "suspended") because.push(`the subscriber is suspended${s.suspendedReason ? ` (${s.suspendedReason})` : ""}: a bootstrap is refused with subscriber_suspended before any scenario is resolved`);
  because.push(...decided.because);

  let outcome: string;
  let homeAgent: Explanation["homeAgent"] = null;
  const choice = decided.homeAgent;
  if (decision.kind === "refused" || !choice) {
    outcome = decision.kind === "refused" ? decision.error : "internal_error";
  } else if (choice.ok) {
    const h = choice.homeAgent;
    homeAgent = {
      ok: true, rule: choice.rule, because: choice.because,
      homeAgent: { id: h.id, name: h.name, fqdn: h.fqdn, address: h.address, region: h.region, capacity: h.capacity, activeBindings: h.activeBindings, state: h.state },
    };
    outcome = "success";
  } else {
    homeAgent = { ok: false, error: choice.error, because: choice.because };
    outcome = choice.error;
  }
  if (s.status === "suspended") outcome = "subscriber_suspended";

  const used = new Set(decision.kind === "refused" ? [] : decision.agreementIds);
  const provider = (id: string | null): ProviderView => (id ? (providers.get(id) ?? (decided.input.msa?.id === id ? view(decided.input.msa) : view(decided.input.servingProvider))) : null);
  return {
    at: now.toISOString(),
    subscriber: { id: s.id, nai: s.nai, status: s.status, suspendedReason: s.suspendedReason, msaProviderId: s.msaProviderId, asaProviderId: s.asaProviderId },
    servingRealm: q.servingRealm,
    servingProvider: view(decided.input.servingProvider),
    servingRegion: decided.servingRegion,
    msa: view(decided.input.msa),
    // Only the agreements the rules look at (those for the subscriber's MSA, which is in the actor's
    // scope): the serving provider's agreements with third parties are not the operator's business.
    agreements: decided.input.agreements
      .filter((a) => a.toProviderId === s.msaProviderId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((a) => ({
        id: a.id, kind: a.kind, fromProviderId: a.fromProviderId, fromProviderName: nameOf(a.fromProviderId),
        toProviderId: a.toProviderId, toProviderName: nameOf(a.toProviderId), status: a.status,
        validFrom: a.validFrom.toISOString(), validUntil: a.validUntil ? a.validUntil.toISOString() : null,
        allowLocalHomeAgent: a.allowLocalHomeAgent, state: agreementState(a, now), inForce: isAgreementInForce(a, now), used: used.has(a.id),
      })),
    outcome,
    decision:
      decision.kind === "refused"
        ? { kind: "refused", error: decision.error, because: decision.because }
        : {
            kind: decision.kind,
            mspProvider: provider(decision.mspProviderId),
            localMspProvider: provider(decision.localMspProviderId),
            agreementIds: decision.agreementIds,
            because: decision.because,
          },
    homeAddressMode: { requested, effective: mode.mode, note: mode.note },
    homeAgent,
    because,
  };
}
