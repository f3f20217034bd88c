// The demo's session history: the last 24 hours of MNs bootstrapping, produced by the real MN client
// (lib/mn/client.ts) talking to the real server pipeline (lib/bootstrap/handle-bootstrap.ts) in process.
// Only the clock is simulated: each attempt runs at its moment in the past (the client's timestamp and
// the server's `now` agree), so the dashboard shows a day of traffic instead of one spike at start-up.
// Failures are real too: wrong secrets, unknown NAIs, suspended subscribers, a replayed request and an
// MN with a bad clock each get the error the pipeline gives them.
import crypto from "node:crypto";
import { handleBootstrap } from "@/lib/bootstrap/handle-bootstrap";
import type { HomeAddressMode } from "@/lib/domain/home-address";
import { bootstrap, type Transport } from "@/lib/mn/client";
import { DEMO_SERVING_REALMS, INTEGRATED_SERVING_REALMS, LOCAL_HA_REALM } from "./demo-seed-data";
import type { DemoCredential } from "./demo-seed";

export type DemoSubscriber = {
  nai: string;
  secret: string;
  policy: "static" | "dynamic" | "privacy";
  suspended: boolean;
  /** has a network-access NAI at its own operator (ASA = MSA) */
  integrated: boolean;
  group: "cellular" | "enterprise" | "startup";
};

/**
 * What a bootstrap of this subscriber at this serving realm should give, by the demo's design and
 * DOMAIN.md's rules: suspension is checked before the scenario; the enterprise has the third-party MSP;
 * the start-up's only mobility agreement has expired; a cellular subscriber with a network-access
 * identity at its operator is integrated where the operator (or the airport, by agreement) gives access,
 * and every other cellular case is split, its home MSP serving it from any network.
 */
export function expectedOutcome(s: DemoSubscriber, servingRealm: string): string {
  if (s.suspended) return "subscriber_suspended";
  if (s.group === "enterprise") return "third-party-msp";
  if (s.group === "startup") return "no_roaming_agreement";
  return s.integrated && INTEGRATED_SERVING_REALMS.has(servingRealm) ? "integrated-asp" : "split";
}

/**
 * Cellular subscribers that a serving MSP's local HA can serve: active, and not bound to a static HoA
 * (a static home address fixes the home link, and so the HA).
 */
function localHaVisitors(subscribers: DemoSubscriber[]): DemoSubscriber[] {
  return subscribers.filter((s) => s.group === "cellular" && !s.suspended && s.policy !== "static");
}

type Attempt = {
  at: number;
  nai: string;
  secret: string;
  servingRealm: string;
  mode: HomeAddressMode;
  trigger: string;
  /** what the attempt should give; null for the deliberately broken ones (wrong secret, replay, bad clock) */
  expect: string | null;
  /** how the attempt deviates from a well-behaved MN */
  twist?: "replay" | "bad-clock";
};

const DAY_MS = 86400_000;

/** Care-of addresses from a documentation block per serving network (what the source address would be). */
function careOfAddress(servingRealm: string, rnd: () => number): string {
  const net = Math.max(0, DEMO_SERVING_REALMS.indexOf(servingRealm)) + 1;
  return `2001:db8:f${net}00::${Math.floor(rnd() * 0xffff).toString(16)}`;
}

/**
 * The in-process transport of lib/mn/in-process.ts with a simulated clock: the request still goes through
 * JSON and the unchanged server handler. `replay` sends the identical request a second time.
 */
function clockedTransport(at: Date, sourceAddress: string, replay: boolean): Transport {
  const wire = (b: unknown) => JSON.parse(JSON.stringify(b)) as unknown;
  return {
    bootstrap: async (b) => {
      let r = await handleBootstrap(wire(b), { sourceAddress, now: at });
      if (replay) r = await handleBootstrap(wire(b), { sourceAddress, now: new Date(at.getTime() + 1500) });
      return { status: r.status, body: wire(r.body) };
    },
    status: async () => ({ status: 501, body: { error: "not_used", message: "the demo history only bootstraps" } }),
  };
}

/** A time in the last 24 h, busier in the day than at night (office hours in the demo's time zone). */
function pickTime(now: number, rnd: () => number): number {
  for (;;) {
    const t = now - rnd() * DAY_MS;
    const hour = new Date(t).getUTCHours();
    const weight = hour >= 6 && hour <= 21 ? 1 : 0.25;
    if (rnd() < weight) return Math.floor(t);
  }
}

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)];
}

function plan(subscribers: DemoSubscriber[], now: number, rnd: () => number): Attempt[] {
  const attempts: Attempt[] = [];
  for (const s of subscribers) {
    // Refused MNs retry a couple of times; served ones come back for periodic re-anchoring.
    const count = s.suspended || s.group === "startup" ? 2 : 1 + (rnd() < 0.5 ? 1 : 0) + (rnd() < 0.2 ? 1 : 0);
    const times = Array.from({ length: count }, () => pickTime(now, rnd)).sort((a, b) => a - b);
    times.forEach((at, i) => {
      const servingRealm = pick(DEMO_SERVING_REALMS, rnd);
      attempts.push({
        at,
        nai: s.nai,
        secret: s.secret,
        servingRealm,
        mode: s.policy,
        trigger: i === 0 ? "boot" : pick(["periodic", "periodic", "prefix-change", "manual"], rnd),
        expect: expectedOutcome(s, servingRealm),
      });
    });
  }
  const active = subscribers.filter((s) => s.group === "cellular" && !s.suspended);
  const anyRealm = () => pick(DEMO_SERVING_REALMS, rnd);
  // Cellular MNs visiting the third-party MSP's network: split, with its local HA (§5.2).
  for (const s of localHaVisitors(subscribers).slice(0, 6)) {
    attempts.push({ at: pickTime(now, rnd), nai: s.nai, secret: s.secret, servingRealm: LOCAL_HA_REALM, mode: s.policy, trigger: "boot", expect: expectedOutcome(s, LOCAL_HA_REALM) });
  }
  // A few MNs with a corrupted or outdated secret, and a few NAIs nobody provisioned.
  for (let i = 0; i < 8; i++) {
    const s = pick(active, rnd);
    attempts.push({ at: pickTime(now, rnd), nai: s.nai, secret: randomSecret(), servingRealm: anyRealm(), mode: "dynamic", trigger: "boot", expect: "authentication_failed" });
  }
  for (let i = 0; i < 4; i++) {
    attempts.push({ at: pickTime(now, rnd), nai: `unknown${i + 1}@cellular.example`, secret: randomSecret(), servingRealm: anyRealm(), mode: "dynamic", trigger: "boot", expect: "authentication_failed" });
  }
  // A request captured and sent again (the first copy succeeds, the second is refused), and MNs whose
  // clock is 20 minutes behind.
  for (let i = 0; i < 3; i++) {
    const s = pick(active, rnd);
    attempts.push({ at: pickTime(now, rnd), nai: s.nai, secret: s.secret, servingRealm: anyRealm(), mode: s.policy, trigger: "periodic", expect: "replay_detected", twist: "replay" });
  }
  for (let i = 0; i < 2; i++) {
    const s = pick(active, rnd);
    attempts.push({ at: pickTime(now, rnd), nai: s.nai, secret: s.secret, servingRealm: anyRealm(), mode: s.policy, trigger: "boot", expect: "stale_timestamp", twist: "bad-clock" });
  }
  return attempts.sort((a, b) => a.at - b.at);
}

const randomSecret = () => crypto.randomBytes(32).toString("base64url");

/**
 * Work that happens at a moment of the simulated day, between the MNs' attempts (e.g. an operator
 * planning and announcing a renumbering, the drain sweep). It may answer with extra bootstraps of demo
 * subscribers to run later in the day (MNs reacting to it), which join the timeline in order.
 */
export type HistoryHook = { at: number; run: () => Promise<HookAttempt[] | void> };
export type HookAttempt = { at: number; nai: string; trigger: string };

export type DemoHistory = {
  sessions: number;
  outcomes: Record<string, number>;
  /** attempts whose outcome differs from the demo's design (0 unless the rules and the demo disagree) */
  unexpected: string[];
  credentials: DemoCredential[];
};

export async function runDemoHistory(
  subscribers: DemoSubscriber[],
  opts: { now: Date; rnd: () => number; hooks?: HistoryHook[] },
): Promise<DemoHistory> {
  const { rnd } = opts;
  const attempts = plan(subscribers, opts.now.getTime(), rnd);
  const hooks = [...(opts.hooks ?? [])].sort((a, b) => a.at - b.at);
  const byNai = new Map(subscribers.map((s) => [s.nai, s]));
  const outcomes: Record<string, number> = {};
  const unexpected: string[] = [];
  let sessions = 0;
  let next = 0;
  let nextHook = 0;
  while (next < attempts.length || nextHook < hooks.length) {
    // A hook runs before every attempt at or after its moment; its extra attempts are merged in order.
    if (nextHook < hooks.length && (next >= attempts.length || hooks[nextHook].at <= attempts[next].at)) {
      for (const x of (await hooks[nextHook++].run()) ?? []) {
        const s = byNai.get(x.nai);
        if (!s) throw new Error(`demo history: a hook asked for an unknown subscriber ${x.nai}`);
        const servingRealm = pick(DEMO_SERVING_REALMS, rnd);
        const extra: Attempt = { at: x.at, nai: s.nai, secret: s.secret, servingRealm, mode: s.policy, trigger: x.trigger, expect: expectedOutcome(s, servingRealm) };
        let i = next;
        while (i < attempts.length && attempts[i].at <= extra.at) i++;
        attempts.splice(i, 0, extra);
      }
      continue;
    }
    const a = attempts[next++];
    const at = new Date(a.at);
    const transport = clockedTransport(at, careOfAddress(a.servingRealm, rnd), a.twist === "replay");
    const clientClock = a.twist === "bad-clock" ? new Date(a.at - 20 * 60_000) : at;
    const r = await bootstrap({ transport, nai: a.nai, secret: a.secret, servingRealm: a.servingRealm, mode: a.mode, trigger: a.trigger, now: clientClock });
    const outcome = r.ok ? r.scenario : r.error;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (a.expect !== null && outcome !== a.expect) unexpected.push(`${a.nai} at ${a.servingRealm || "(unknown)"}: expected ${a.expect}, got ${outcome}`);
    sessions += a.twist === "replay" ? 2 : 1;
  }

  const credentials: DemoCredential[] = subscribers.map((s) => {
    const servingRealm = pick(DEMO_SERVING_REALMS, rnd);
    return { nai: s.nai, secret: s.secret, servingRealm, expect: expectedOutcome(s, servingRealm) };
  });
  // A local HA assignment: the entry's scenario is split, and the HA is the serving MSP's (LOCAL_HA_FQDN).
  for (const s of localHaVisitors(subscribers).slice(0, 3)) {
    credentials.push({ nai: s.nai, secret: s.secret, servingRealm: LOCAL_HA_REALM, expect: expectedOutcome(s, LOCAL_HA_REALM) });
  }
  // Refused identities, for the simulator's failure column: a wrong secret and an unknown NAI look alike.
  const victim = subscribers.find((s) => s.group === "cellular" && !s.suspended);
  if (victim) credentials.push({ nai: victim.nai, secret: randomSecret(), servingRealm: "hotspot.airport.example", expect: "authentication_failed" });
  credentials.push({ nai: "nobody@cellular.example", secret: randomSecret(), servingRealm: "", expect: "authentication_failed" });
  return { sessions, outcomes, unexpected, credentials };
}
