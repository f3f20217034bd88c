// Demo data for a first start against an empty database (CONSOLE_DEMO != "0"). Everything is created
// through the same services an operator uses (validation, audit entries, sealed secrets), and the
// session history comes from running the real bootstrap pipeline through the MN client's in-process
// transport — nothing is inserted behind the rules' backs. The demo subscribers' secrets are written to
// demo/credentials.json (git-ignored, 0600) for `npm run simulate` and for trying the MN client by hand.
import fs from "node:fs";
import path from "node:path";
import { systemActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/provider";
import { createAgreement } from "./agreements";
import { createHomeAgent } from "./home-agents";
import { createPrefix } from "./prefixes";
import { createProvider } from "./providers";
import { createSubscriber } from "./subscribers";
import { DEMO_HOME_AGENTS, DEMO_PROVIDERS, demoRandom, demoUserName, type DemoProviderKey } from "./demo-seed-data";
import { runDemoHistory, type DemoSubscriber } from "./demo-history";
import { DEMO_RENUMBERING, demoRenumbering } from "./demo-renumbering";
import { getRenumbering } from "@/lib/data/renumberings";
import type { RenumberingCounts } from "@/lib/domain/renumbering";

export type DemoCredential = { nai: string; secret: string; servingRealm: string; expect: string };

export type DemoSummary = {
  providers: number;
  homeAgents: number;
  prefixes: number;
  subscribers: number;
  sessions: number;
  outcomes: Record<string, number>;
  unexpected: number;
  credentialsFile: string;
  /** the renumbering left in progress (announced, draining) */
  renumbering: { id: string; oldPrefix: string; newPrefix: string; counts: RenumberingCounts } | null;
};

export type SeedOptions = {
  /** where to write the credentials list (default ./demo/credentials.json) */
  credentialsFile?: string;
  /** subscribers of the cellular operator (default 230), the enterprise (default 30), the start-up (default 8) */
  cellularSubscribers?: number;
  enterpriseSubscribers?: number;
  startupSubscribers?: number;
  /** the end of the simulated history (default now); it spans the 24 hours before */
  now?: Date;
  log?: (message: string) => void;
};

const SUSPENSION_REASONS = ["reported stolen by the subscriber", "billing hold", "MN sent malformed binding updates"];

/** The demo's roaming agreements, in force for the past year with no end date. */
async function createAgreements(actor: ReturnType<typeof systemActor>, ids: Record<DemoProviderKey, string>, now: Date) {
  const validFrom = new Date(now.getTime() - 365 * 86400_000).toISOString();
  // The airport lets the cellular operator's subscribers attach (RFC 4640 §6).
  await createAgreement(actor, { kind: "network-access", fromProviderId: ids.airport, toProviderId: ids.cellular, status: "active", validFrom });
  // The third-party MSP provides home agents for the enterprise's staff (RFC 4640 §7.3).
  await createAgreement(actor, { kind: "mobility", fromProviderId: ids.mobility, toProviderId: ids.enterprise, status: "active", validFrom });
  // ... and did for the start-up, until last month: the agreement is still active but no longer in force.
  await createAgreement(actor, {
    kind: "mobility",
    fromProviderId: ids.mobility,
    toProviderId: ids.startup,
    status: "active",
    validFrom,
    validUntil: new Date(now.getTime() - 35 * 86400_000).toISOString(),
  });
  // The third-party MSP may give the cellular operator's visiting subscribers a local HA (RFC 4640 §5.2).
  await createAgreement(actor, {
    kind: "mobility",
    fromProviderId: ids.mobility,
    toProviderId: ids.cellular,
    status: "active",
    validFrom,
    allowLocalHomeAgent: true,
  });
}

/**
 * Seeding commits about a thousand small transactions. On SQLite this connection syncs less often while
 * it does (NORMAL: no integrity risk, only the last commits of a demo that can be loaded again on a
 * power cut), which makes it several times faster on slow disks.
 */
export async function seedDemo(opts: SeedOptions = {}): Promise<DemoSummary> {
  const sqlite = providerOf(databaseUrl()) === "sqlite";
  if (sqlite) await getDb().$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  try {
    return await seed(opts);
  } finally {
    if (sqlite) await getDb().$queryRawUnsafe("PRAGMA synchronous = FULL");
  }
}

async function seed(opts: SeedOptions): Promise<DemoSummary> {
  const actor = systemActor("demo-seed");
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const rnd = demoRandom(4640);

  const providerIds = {} as Record<DemoProviderKey, string>;
  for (const key of Object.keys(DEMO_PROVIDERS) as DemoProviderKey[]) {
    const p = DEMO_PROVIDERS[key];
    providerIds[key] = (await createProvider(actor, { name: p.name, roles: [...p.roles], realms: p.realms.map((r) => ({ ...r })) })).id;
  }
  await createAgreements(actor, providerIds, now);

  let prefixes = 0;
  for (const ha of DEMO_HOME_AGENTS) {
    const created = await createHomeAgent(actor, {
      providerId: providerIds[ha.provider],
      name: ha.name,
      fqdn: ha.fqdn,
      address: ha.address,
      region: ha.region,
      capacity: ha.capacity,
    });
    for (const prefix of ha.prefixes) {
      await createPrefix(actor, { homeAgentId: created.id, prefix });
      prefixes++;
    }
  }
  log(`demo: ${Object.keys(providerIds).length} providers, ${DEMO_HOME_AGENTS.length} home agents, ${prefixes} prefixes`);

  const subscribers: DemoSubscriber[] = [];
  const cellularCount = opts.cellularSubscribers ?? 230;
  for (let i = 0; i < cellularCount; i++) {
    const suspended = i % 47 === 17;
    const policy = i % 25 === 3 ? "static" : i % 10 === 7 ? "privacy" : "dynamic";
    // A third of them also have a network-access identity (IMSI-style NAI) at their own operator's ASA.
    const integrated = i % 3 === 0;
    const { subscriber, secret } = await createSubscriber(actor, {
      nai: `${demoUserName(i)}@cellular.example`,
      msaProviderId: providerIds.cellular,
      accessNai: integrated ? `001015${String(100000000 + i)}@mnc015.example-cellular.net` : null,
      asaProviderId: integrated ? providerIds.cellular : null,
      homeAddressPolicy: policy,
      // Static HoAs sit in ha1-west's first home link, well away from the dynamic IIDs.
      staticHomeAddress: policy === "static" ? `2001:db8:100:1::${(0x1000 + i).toString(16)}` : null,
      status: suspended ? "suspended" : "active",
      suspendedReason: suspended ? SUSPENSION_REASONS[i % SUSPENSION_REASONS.length] : null,
    });
    subscribers.push({ nai: subscriber.nai, secret, policy, suspended, integrated, group: "cellular" });
  }
  // The enterprise's staff: their MSA runs no HAs, so the third-party MSP serves them (RFC 4640 §7.3).
  const enterpriseCount = opts.enterpriseSubscribers ?? 30;
  for (let i = 0; i < enterpriseCount; i++) {
    const { subscriber, secret } = await createSubscriber(actor, { nai: `${demoUserName(i * 7 + 3)}@corp.example`, msaProviderId: providerIds.enterprise });
    subscribers.push({ nai: subscriber.nai, secret, policy: "dynamic", suspended: false, integrated: false, group: "enterprise" });
  }
  const startupCount = opts.startupSubscribers ?? 8;
  for (let i = 0; i < startupCount; i++) {
    const { subscriber, secret } = await createSubscriber(actor, { nai: `${demoUserName(i * 11 + 5)}@startup.example`, msaProviderId: providerIds.startup });
    subscribers.push({ nai: subscriber.nai, secret, policy: "dynamic", suspended: false, integrated: false, group: "startup" });
  }
  log(`demo: ${subscribers.length} subscribers`);

  // Part-way through the day an operator renumbers one home link; the MNs react through the protocol.
  const renumbering = demoRenumbering(actor, now.getTime(), rnd);
  const history = await runDemoHistory(subscribers, { now, rnd, hooks: renumbering.hooks });
  log(`demo: ${history.sessions} bootstrap sessions (${Object.entries(history.outcomes).map(([k, v]) => `${k} ${v}`).join(", ")})`);
  // The demo is also a smoke test of the rules: say so loudly when an outcome is not the designed one.
  for (const line of history.unexpected.slice(0, 5)) log(`demo: WARNING unexpected outcome: ${line}`);

  const renumberingId = renumbering.id();
  const rn = renumberingId ? await getRenumbering(actor, renumberingId) : null;
  if (rn) log(`demo: renumbering ${rn.oldPrefix} → ${rn.newPrefix} ${rn.state}: ${rn.counts.migrated} migrated, ${rn.counts.pending} pending, ${rn.counts.dormant} dormant`);
  else log(`demo: WARNING the renumbering of ${DEMO_RENUMBERING.oldPrefix} was not made`);

  const credentialsFile = path.resolve(opts.credentialsFile ?? "demo/credentials.json");
  writeCredentials(credentialsFile, history.credentials);
  return {
    providers: Object.keys(providerIds).length,
    homeAgents: DEMO_HOME_AGENTS.length,
    prefixes,
    subscribers: subscribers.length,
    sessions: history.sessions,
    outcomes: history.outcomes,
    unexpected: history.unexpected.length,
    credentialsFile,
    renumbering: rn ? { id: rn.id, oldPrefix: rn.oldPrefix, newPrefix: rn.newPrefix, counts: rn.counts } : null,
  };
}

/** Secrets on disk: owner-only from the moment the file exists (the mode applies at creation). */
function writeCredentials(file: string, list: DemoCredential[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  fs.chmodSync(file, 0o600);
}
