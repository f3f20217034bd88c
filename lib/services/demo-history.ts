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
import { DEMO_SERVING_REALMS } from "./demo-seed-data";
import type { DemoCredential } from "./demo-seed";

export type DemoSubscriber = {
  nai: string;
  secret: string;
  policy: "static" | "dynamic" | "privacy";
  suspended: boolean;
  group: "cellular" | "enterprise";
};

type Attempt = {
  at: number;
  nai: string;
  secret: string;
  servingRealm: string;
  mode: HomeAddressMode;
  trigger: string;
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
  // Enterprise staff need the third-party MSP scenario (RFC 4640 §7.3), which arrives with its own issue;
  // until then the demo neither bootstraps them nor lists them in the credentials file.
  const cellular = subscribers.filter((s) => s.group === "cellular");
  for (const s of cellular) {
    const count = s.suspended ? 2 : 1 + (rnd() < 0.5 ? 1 : 0) + (rnd() < 0.2 ? 1 : 0);
    const times = Array.from({ length: count }, () => pickTime(now, rnd)).sort((a, b) => a - b);
    times.forEach((at, i) => {
      attempts.push({
        at,
        nai: s.nai,
        secret: s.secret,
        servingRealm: pick(DEMO_SERVING_REALMS, rnd),
        mode: s.policy,
        trigger: i === 0 ? "boot" : pick(["periodic", "periodic", "prefix-change", "manual"], rnd),
      });
    });
  }
  const active = cellular.filter((s) => !s.suspended);
  // A few MNs with a corrupted or outdated secret, and a few NAIs nobody provisioned.
  for (let i = 0; i < 8; i++) {
    const s = pick(active, rnd);
    attempts.push({ at: pickTime(now, rnd), nai: s.nai, secret: crypto.randomBytes(32).toString("base64url"), servingRealm: pick(DEMO_SERVING_REALMS, rnd), mode: "dynamic", trigger: "boot" });
  }
  for (let i = 0; i < 4; i++) {
    attempts.push({ at: pickTime(now, rnd), nai: `unknown${i + 1}@cellular.example`, secret: crypto.randomBytes(32).toString("base64url"), servingRealm: "hotspot.airport.example", mode: "dynamic", trigger: "boot" });
  }
  for (let i = 0; i < 3; i++) {
    const s = pick(active, rnd);
    attempts.push({ at: pickTime(now, rnd), nai: s.nai, secret: s.secret, servingRealm: "hotspot.airport.example", mode: s.policy, trigger: "periodic", twist: "replay" });
  }
  for (let i = 0; i < 2; i++) {
    const s = pick(active, rnd);
    attempts.push({ at: pickTime(now, rnd), nai: s.nai, secret: s.secret, servingRealm: "wifi.cafe.example", mode: s.policy, trigger: "boot", twist: "bad-clock" });
  }
  return attempts.sort((a, b) => a.at - b.at);
}

export async function runDemoHistory(
  subscribers: DemoSubscriber[],
  opts: { now: Date; rnd: () => number },
): Promise<{ sessions: number; outcomes: Record<string, number>; credentials: DemoCredential[] }> {
  const { rnd } = opts;
  const attempts = plan(subscribers, opts.now.getTime(), rnd);
  const outcomes: Record<string, number> = {};
  let sessions = 0;
  for (const a of attempts) {
    const at = new Date(a.at);
    const transport = clockedTransport(at, careOfAddress(a.servingRealm, rnd), a.twist === "replay");
    // An MN whose clock is 20 minutes behind: its timestamp falls outside the allowed skew.
    const clientClock = a.twist === "bad-clock" ? new Date(a.at - 20 * 60_000) : at;
    const r = await bootstrap({ transport, nai: a.nai, secret: a.secret, servingRealm: a.servingRealm, mode: a.mode, trigger: a.trigger, now: clientClock });
    const outcome = r.ok ? r.scenario : r.error;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    sessions += a.twist === "replay" ? 2 : 1;
  }

  const credentials: DemoCredential[] = subscribers
    .filter((s) => s.group === "cellular")
    .map((s) => ({
      nai: s.nai,
      secret: s.secret,
      servingRealm: pick(DEMO_SERVING_REALMS, rnd),
      // What the spec and DOMAIN.md say a bootstrap of this subscriber gives, from the demo's design:
      // the cellular operator is its subscribers' home MSP, so split from any access network (§7.1).
      expect: s.suspended ? "subscriber_suspended" : "split",
    }));
  // Refused identities, for the simulator's failure column: a wrong secret and an unknown NAI look alike.
  const victim = subscribers.find((s) => s.group === "cellular" && !s.suspended);
  if (victim) {
    credentials.push({ nai: victim.nai, secret: crypto.randomBytes(32).toString("base64url"), servingRealm: "hotspot.airport.example", expect: "authentication_failed" });
  }
  credentials.push({ nai: "nobody@cellular.example", secret: crypto.randomBytes(32).toString("base64url"), servingRealm: "", expect: "authentication_failed" });
  return { sessions, outcomes, credentials };
}
