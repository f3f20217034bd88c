// POST /api/bootstrap/v1 (spec/bootstrap-v1.md). The checks run in the spec's order and the first
// failure answers; every attempt is recorded as a BootstrapSession with its timeline and explanation.
import crypto from "node:crypto";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { derivePsk, keyName } from "@/lib/domain/keys";
import { parseBootstrapRequest, rawField } from "./parse";
import { requestMacString, responseMacString, computeMac } from "./canonical";
import { isFresh, authenticate, rememberNonce } from "./authenticate";
import { decideBootstrap } from "./decide";
import { assignHomeAddress } from "./allocate";
import { Timeline, recordSession, type SessionRecord } from "./record";
import { checkRateLimit } from "./rate-limit";
import { errorResult, AUTHENTICATION_FAILED_MESSAGE, type BootstrapErrorResult, type HandlerResult } from "./errors";

export { handleStatus } from "./handle-status";

export type BootstrapContext = { sourceAddress?: string; now?: Date };

type Session = Omit<SessionRecord, "latencyMs" | "steps" | "createdAt" | "httpStatus" | "outcome">;

async function run(body: unknown, ctx: BootstrapContext, now: Date, t: Timeline, s: Session): Promise<HandlerResult | BootstrapErrorResult> {
  const db = getDb();
  const cfg = env();

  const limited = await checkRateLimit(db, { endpoint: "bootstrap", nai: s.nai, sourceAddress: ctx.sourceAddress, now });
  if (limited) return limited;

  const parsed = parseBootstrapRequest(body);
  if (!parsed.ok) {
    t.mark("received", false, parsed.error.body.message);
    return parsed.error;
  }
  const req = parsed.value;
  Object.assign(s, { nai: req.nai, servingRealm: req.servingRealm, trigger: req.trigger, homeAddressMode: req.homeAddressMode });
  t.mark("received", true, `${req.trigger} bootstrap, ${req.homeAddressMode} home address, serving realm ${req.servingRealm || "(unknown)"}`);

  if (!isFresh(req.time, now, cfg.BOOTSTRAP_MAX_SKEW_SECONDS)) {
    t.mark("authenticated", false, `timestamp ${req.timestamp} is more than ${cfg.BOOTSTRAP_MAX_SKEW_SECONDS} s from the server clock`);
    return errorResult("stale_timestamp", `the timestamp is more than ${cfg.BOOTSTRAP_MAX_SKEW_SECONDS} s from the server clock`);
  }

  const auth = await authenticate(db, req.nai, requestMacString(req), req.mac);
  if (!auth.ok) {
    s.subscriberId = auth.subscriberId;
    s.msaProviderId = auth.msaProviderId;
    t.mark("authenticated", false, auth.subscriberId ? "the MAC did not verify" : "unknown NAI");
    return errorResult("authentication_failed", AUTHENTICATION_FAILED_MESSAGE);
  }
  const sub = auth.subscriber;
  s.subscriberId = sub.id;
  s.msaProviderId = sub.msaProviderId;

  if (!(await rememberNonce(db, req.nai, req.nonce, req.time, now, cfg.BOOTSTRAP_MAX_SKEW_SECONDS))) {
    t.mark("authenticated", false, "this nonce was already used");
    return errorResult("replay_detected", "this request was already received (nonce reused)");
  }
  if (sub.status === "suspended") {
    t.mark("authenticated", false, "the subscriber is suspended");
    return errorResult("subscriber_suspended", "the subscriber is suspended; contact the mobility service provider");
  }
  t.mark("authenticated", true, "MAC verified, nonce fresh");

  const decided = await decideBootstrap(db, sub, req.servingRealm, req.homeAddressMode, now, (d) => {
    if (d.kind === "refused") t.mark("scenario-resolved", false, d.because[d.because.length - 1]);
    else t.mark("scenario-resolved", true, `${d.kind} scenario`);
  });
  const decision = decided.scenario;
  s.explanation.push(...decided.because);
  if (decision.kind === "refused") return errorResult(decision.error, decision.because[decision.because.length - 1]);
  s.scenario = decision.kind;

  const mode = decided.homeAddressMode.mode;
  const choice = decided.homeAgent!;
  if (!choice.ok) {
    t.mark("home-agent-chosen", false, choice.because[choice.because.length - 1]);
    return errorResult(choice.error, choice.because[choice.because.length - 1]);
  }
  const ha = choice.homeAgent;
  s.homeAgentId = ha.id;
  t.mark("home-agent-chosen", true, `${ha.name} (${ha.address}), rule ${choice.rule}`);

  const lifetime = cfg.BOOTSTRAP_KEY_LIFETIME_SECONDS;
  const expiresAt = new Date(now.getTime() + lifetime * 1000);
  const alloc = await assignHomeAddress({
    subscriberId: sub.id, nai: req.nai, mode, homeAgent: ha, enforceCapacity: choice.rule !== "pinned", staticHomeAddress: sub.staticHomeAddress,
    staticPrefixId: choice.staticTarget?.prefixId ?? null, now, leaseExpiresAt: expiresAt,
  });
  s.explanation.push(...alloc.because);
  if (!alloc.ok) {
    t.mark("home-address-assigned", false, alloc.because[alloc.because.length - 1]);
    return errorResult(alloc.homeAgentFull ? "no_home_agent_available" : "home_prefix_exhausted", alloc.because[alloc.because.length - 1]);
  }
  Object.assign(s, { homeAddress: alloc.address, homePrefix: alloc.prefix, expiresAt });
  t.mark("home-address-assigned", true, `${alloc.address} on ${alloc.prefix}${alloc.kept ? " (kept)" : ""}`);

  // The PSK is derived, named and forgotten: only its name leaves this function.
  const pskName = keyName(derivePsk(auth.rootSecret, s.id, req.nai, ha.address));
  s.keyName = pskName;
  const response = {
    sessionId: s.id,
    scenario: decision.kind,
    homeAgent: { address: ha.address, fqdn: ha.fqdn },
    homeAddress: alloc.address,
    homePrefix: alloc.prefix,
    ike: { idi: req.nai, idr: ha.fqdn, keyName: pskName, lifetimeSeconds: lifetime },
    issuedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  const mac = computeMac(auth.kAuth, responseMacString(req.nonce, response));
  return { status: 200, body: { ...response, mac } };
}

export async function handleBootstrap(body: unknown, ctx: BootstrapContext = {}): Promise<HandlerResult> {
  const t = new Timeline();
  const now = ctx.now ?? new Date();
  const s: Session = {
    id: crypto.randomUUID(),
    subscriberId: null,
    // Until the request validates, keep what it claimed (truncated) so failed attempts stay traceable.
    nai: rawField(body, "nai", 253),
    servingRealm: rawField(body, "servingRealm", 253),
    trigger: rawField(body, "trigger", 32),
    homeAddressMode: rawField(body, "homeAddressMode", 32),
    sourceAddress: ctx.sourceAddress ?? null,
    explanation: [],
  };
  let result: HandlerResult;
  try {
    result = await run(body, ctx, now, t, s);
  } catch (e) {
    console.error(`[bootstrap] session ${s.id} failed unexpectedly:`, e);
    result = errorResult("internal_error", "Something went wrong");
  }
  const outcome = result.status === 200 ? "success" : String(result.body.error);
  // Rate-limited requests are not recorded: under a flood, writing a row per request is the attack.
  if (outcome === "rate_limited") return result;
  t.mark("answered", result.status === 200, `${result.status} ${outcome}`);
  await recordSession(getDb(), {
    ...s,
    outcome,
    httpStatus: result.status,
    latencyMs: t.elapsed(),
    steps: t.steps,
    createdAt: now,
  });
  return result;
}
