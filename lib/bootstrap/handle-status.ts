// POST /api/bootstrap/v1/status: network-initiated bootstrap (spec "Status"). Runs the bootstrap
// checks up to and including the replay check and answers the subscriber's re-bootstrap flag, MACed.
// It records no session.
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { parseStatusRequest, rawField } from "./parse";
import { statusMacString, statusResponseMacString, computeMac } from "./canonical";
import { isFresh, authenticate, rememberNonce } from "./authenticate";
import { checkRateLimit } from "./rate-limit";
import { errorResult, AUTHENTICATION_FAILED_MESSAGE, type HandlerResult } from "./errors";

export type StatusContext = { sourceAddress?: string; now?: Date };

const REASONS = new Set(["admin", "stale", "home-agent", "renumbering"]);

async function run(body: unknown, ctx: StatusContext): Promise<HandlerResult> {
  const db = getDb();
  const cfg = env();
  const now = ctx.now ?? new Date();
  const limited = await checkRateLimit(db, { endpoint: "status", nai: rawField(body, "nai", 253), sourceAddress: ctx.sourceAddress, now });
  if (limited) return limited;
  const parsed = parseStatusRequest(body);
  if (!parsed.ok) return parsed.error;
  const req = parsed.value;
  if (!isFresh(req.time, now, cfg.BOOTSTRAP_MAX_SKEW_SECONDS)) {
    return errorResult("stale_timestamp", `the timestamp is more than ${cfg.BOOTSTRAP_MAX_SKEW_SECONDS} s from the server clock`);
  }
  const auth = await authenticate(db, req.nai, statusMacString(req), req.mac);
  if (!auth.ok) return errorResult("authentication_failed", AUTHENTICATION_FAILED_MESSAGE);
  if (!(await rememberNonce(db, req.nai, req.nonce, req.time, now, cfg.BOOTSTRAP_MAX_SKEW_SECONDS))) {
    return errorResult("replay_detected", "this request was already received (nonce reused)");
  }
  const required = auth.subscriber.rebootstrapRequired;
  // An unexpected stored reason is reported as null rather than leaking a value outside the spec's set.
  const reason = required && auth.subscriber.rebootstrapReason && REASONS.has(auth.subscriber.rebootstrapReason)
    ? auth.subscriber.rebootstrapReason
    : null;
  const mac = computeMac(auth.kAuth, statusResponseMacString(req.nonce, { rebootstrapRequired: required, reason }));
  return { status: 200, body: { rebootstrapRequired: required, reason, mac } };
}

export async function handleStatus(body: unknown, ctx: StatusContext = {}): Promise<HandlerResult> {
  try {
    return await run(body, ctx);
  } catch (e) {
    console.error("[bootstrap] status call failed unexpectedly:", e);
    return errorResult("internal_error", "Something went wrong");
  }
}
