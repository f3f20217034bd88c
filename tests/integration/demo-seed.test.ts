// The demo world (lib/services/demo-seed.ts) against a real SQLite database: the topology DOMAIN.md asks
// for, a history that the real bootstrap pipeline recorded, outcomes that match the demo's design, and a
// credentials file whose expectations a fresh bootstrap confirms.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setupDatabase } from "./api-helpers";

// The credentials file goes to a temp dir; the database comes from setupDatabase.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mip6-demo-${process.pid}-`));
let env: Awaited<ReturnType<typeof setupDatabase>>;
delete process.env.BOOTSTRAP_RATE_PER_NAI;
delete process.env.BOOTSTRAP_RATE_PER_SOURCE;

const load = async () => ({
  db: await import("@/lib/db/client"),
  seed: await import("@/lib/services/demo-seed"),
  mn: await import("@/lib/mn/client"),
  inProcess: await import("@/lib/mn/in-process"),
  ipv6: await import("@/lib/domain/ipv6"),
  audit: await import("@/lib/audit/audit"),
});
let m: Awaited<ReturnType<typeof load>>;
let summary: Awaited<ReturnType<Awaited<ReturnType<typeof load>>["seed"]["seedDemo"]>>;
const credentialsFile = path.join(dir, "demo", "credentials.json");
const now = new Date();

before(async () => {
  env = await setupDatabase("demo-seed", { keyFile: true });
  m = await load();
  summary = await m.seed.seedDemo({ credentialsFile, now });
});

after(async () => {
  await env.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("demo topology", () => {
  test("four roles at the cellular operator, an ASP-only airport, an MSA without HAs, a third-party MSP", async () => {
    const providers = await m.db.getDb().provider.findMany({
      select: { name: true, roles: { select: { role: true } }, realms: { select: { name: true } }, homeAgents: { select: { id: true } } },
    });
    const byName = new Map(providers.map((p) => [p.name, p]));
    const roles = (name: string) => byName.get(name)!.roles.map((r) => r.role).sort();
    assert.deepEqual(roles("Example Cellular"), ["ASA", "ASP", "MSA", "MSP"]);
    assert.deepEqual(roles("Airport Hotspot"), ["ASP"]);
    assert.deepEqual(roles("Corp Enterprise"), ["MSA"]);
    assert.equal(byName.get("Corp Enterprise")!.homeAgents.length, 0);
    assert.deepEqual(roles("Mobility Services"), ["MSP"]);
    assert.ok(byName.get("Example Cellular")!.realms.some((r) => r.name === "mnc015.example-cellular.net"));
    assert.ok(byName.get("Airport Hotspot")!.realms.some((r) => r.name === "hotspot.airport.example"));
    assert.equal(summary.providers, providers.length);
  });

  test("at least 3 HAs in two regions, every home prefix inside 2001:db8::/32, at least 200 subscribers", async () => {
    const db = m.db.getDb();
    const has = await db.homeAgent.findMany({ select: { region: true, state: true } });
    assert.ok(has.length >= 3);
    assert.ok(new Set(has.map((h) => h.region)).size >= 2);
    const doc = m.ipv6.parsePrefix("2001:db8::/32");
    assert.ok(doc.ok);
    const prefixes = await db.homePrefix.findMany({ select: { prefix: true } });
    assert.ok(prefixes.length >= has.length);
    for (const p of prefixes) {
      const parsed = m.ipv6.parsePrefix(p.prefix);
      assert.ok(parsed.ok && doc.ok && m.ipv6.prefixContains(doc, parsed.network), `${p.prefix} is outside 2001:db8::/32`);
    }
    assert.ok((await db.subscriber.count()) >= 200);
    assert.equal(await db.subscriber.count(), summary.subscribers);
  });

  test("everything was created through the audited services, as the demo-seed system actor", async () => {
    const db = m.db.getDb();
    const creates = await db.auditEntry.groupBy({ by: ["action"], where: { actor: "system:demo-seed" }, _count: { _all: true } });
    const count = (action: string) => creates.find((c) => c.action === action)?._count._all ?? 0;
    assert.equal(count("subscriber.create"), await db.subscriber.count());
    assert.equal(count("provider.create"), await db.provider.count());
    assert.equal(count("home-agent.create"), await db.homeAgent.count());
    assert.equal(count("agreement.create"), await db.agreement.count());
    assert.equal((await m.audit.verifyAuditChain(db)).ok, true);
  });
});

describe("demo history", () => {
  test("every attempt was recorded by the bootstrap pipeline over the last 24 hours", async () => {
    const db = m.db.getDb();
    const sessions = await db.bootstrapSession.findMany({ select: { createdAt: true, outcome: true, steps: true, latencyMs: true } });
    assert.equal(sessions.length, summary.sessions);
    for (const s of sessions) {
      assert.ok(s.createdAt.getTime() <= now.getTime() + 5000 && s.createdAt.getTime() >= now.getTime() - 86400_000 - 5000);
      assert.ok(s.steps && JSON.parse(s.steps).length > 0, "the pipeline's timeline is stored");
    }
    // A day of traffic, not one burst: sessions fall into many different hours.
    assert.ok(new Set(sessions.map((s) => Math.floor(s.createdAt.getTime() / 3600_000))).size >= 12);
  });

  test("successes in three scenarios and the designed refusals; no outcome differs from the design", async () => {
    assert.equal(summary.unexpected, 0);
    for (const outcome of ["split", "integrated-asp", "third-party-msp", "authentication_failed", "subscriber_suspended", "no_roaming_agreement", "replay_detected", "stale_timestamp"]) {
      assert.ok((summary.outcomes[outcome] ?? 0) > 0, `no ${outcome} in the history`);
    }
    const rows = await m.db.getDb().bootstrapSession.groupBy({ by: ["scenario"], where: { outcome: "success" }, _count: { _all: true } });
    assert.deepEqual(rows.map((r) => r.scenario).sort(), ["integrated-asp", "split", "third-party-msp"]);
  });

  test("successful sessions hold HoAs inside their home prefix, and leases are unique", async () => {
    const db = m.db.getDb();
    const ok = await db.bootstrapSession.findMany({ where: { outcome: "success" }, select: { homeAddress: true, homePrefix: true, homeAgentId: true } });
    for (const s of ok) {
      const p = m.ipv6.parsePrefix(s.homePrefix!);
      const a = m.ipv6.parseAddress(s.homeAddress!);
      assert.ok(p.ok && a.ok && m.ipv6.prefixContains(p, a.value), `${s.homeAddress} outside ${s.homePrefix}`);
      assert.ok(s.homeAgentId);
    }
    const leases = await db.hoaLease.findMany({ select: { address: true } });
    assert.equal(new Set(leases.map((l) => l.address)).size, leases.length);
  });
});

describe("demo/credentials.json", () => {
  test("is private to its owner and lists every subscriber with an expectation", async () => {
    assert.equal(fs.statSync(credentialsFile).mode & 0o777, 0o600);
    const list = JSON.parse(fs.readFileSync(credentialsFile, "utf8")) as { nai: string; secret: string; servingRealm: string; expect: string }[];
    assert.ok(list.length >= summary.subscribers);
    for (const c of list) {
      assert.deepEqual(Object.keys(c).sort(), ["expect", "nai", "secret", "servingRealm"]);
      assert.match(c.secret, /^[A-Za-z0-9_-]{43}$/);
    }
    assert.ok(list.some((c) => c.expect === "split"));
  });

  test("a fresh bootstrap of each kind of entry gives what it expects", async () => {
    const list = JSON.parse(fs.readFileSync(credentialsFile, "utf8")) as { nai: string; secret: string; servingRealm: string; expect: string }[];
    const oneOfEach = [...new Map(list.map((c) => [c.expect, c])).values()];
    assert.ok(oneOfEach.length >= 5);
    const transport = m.inProcess.inProcessTransport();
    for (const c of oneOfEach) {
      const r = await m.mn.bootstrap({ transport, nai: c.nai, secret: c.secret, servingRealm: c.servingRealm, trigger: "manual" });
      assert.equal(r.ok ? r.scenario : r.error, c.expect, `${c.nai} at ${c.servingRealm || "(unknown)"}`);
    }
  });

  test("covers every outcome issue 3 lists, and the local HA entries get the serving MSP's HA", async () => {
    const list = JSON.parse(fs.readFileSync(credentialsFile, "utf8")) as { nai: string; secret: string; servingRealm: string; expect: string }[];
    for (const outcome of ["split", "integrated-asp", "third-party-msp", "no_roaming_agreement", "subscriber_suspended"]) {
      assert.ok(list.some((c) => c.expect === outcome), outcome);
    }
    const { LOCAL_HA_REALM, LOCAL_HA_FQDN } = await import("@/lib/services/demo-seed-data");
    const local = list.filter((c) => c.servingRealm === LOCAL_HA_REALM);
    assert.ok(local.length > 0);
    const transport = m.inProcess.inProcessTransport();
    for (const c of local) {
      const r = await m.mn.bootstrap({ transport, nai: c.nai, secret: c.secret, servingRealm: c.servingRealm, trigger: "manual" });
      assert.ok(r.ok, `${c.nai}: ${r.ok ? "" : r.error}`);
      assert.equal(r.scenario, c.expect);
      assert.equal(r.homeAgent.fqdn, LOCAL_HA_FQDN);
    }
    // ... and the recorded history has local assignments too.
    const haLocal = await m.db.getDb().bootstrapSession.count({ where: { servingRealm: LOCAL_HA_REALM, outcome: "success", homeAgent: { fqdn: LOCAL_HA_FQDN } } });
    assert.ok(haLocal > 0);
  });
});

describe("demo renumbering in progress", () => {
  test("one home link is being renumbered: announced, old prefix draining, with migrated, pending and dormant MNs", async () => {
    const { DEMO_RENUMBERING } = await import("@/lib/services/demo-renumbering");
    const { isDormant } = await import("@/lib/domain/renumbering");
    assert.ok(summary.renumbering, "the demo made its renumbering");
    const { id, counts } = summary.renumbering;
    assert.equal(summary.renumbering.oldPrefix, DEMO_RENUMBERING.oldPrefix);
    assert.ok(counts.migrated > 0 && counts.pending > 0 && counts.dormant > 0, `all three states: ${JSON.stringify(counts)}`);
    const db = m.db.getDb();
    const r = await db.renumbering.findUniqueOrThrow({
      where: { id },
      select: { state: true, createdAt: true, announcedAt: true, newPrefix: true, dormantAfterSeconds: true, oldPrefixRef: { select: { state: true } } },
    });
    assert.equal(r.state, "announced");
    assert.equal(r.oldPrefixRef.state, "draining");
    assert.equal(r.dormantAfterSeconds, DEMO_RENUMBERING.dormantAfterHours * 3600);
    // Planned and announced inside the simulated day, not at seeding time.
    assert.ok(r.announcedAt && r.createdAt < r.announcedAt && r.announcedAt.getTime() > now.getTime() - 86400_000 && r.announcedAt.getTime() < now.getTime() - 3600_000);

    // Each member's state follows the rules (other tests may have bootstrapped a member since: still consistent).
    const members = await db.renumberingMember.findMany({
      where: { renumberingId: id },
      select: {
        state: true, newAddress: true, migratedAt: true,
        subscriber: { select: { createdAt: true, lastBootstrapAt: true, homeAddressPolicy: true, lease: { select: { address: true, prefix: { select: { prefix: true } } } } } },
      },
    });
    assert.equal(members.length, counts.migrated + counts.pending + counts.dormant);
    for (const mb of members) {
      const s = mb.subscriber;
      if (mb.state === "migrated") {
        assert.ok(mb.migratedAt && mb.migratedAt >= r.announcedAt!);
        assert.notEqual(s.lease?.prefix.prefix, DEMO_RENUMBERING.oldPrefix);
        // A dynamic MN that came back to its HA got the planned address: its interface identifier kept.
        if (s.homeAddressPolicy === "dynamic" && s.lease?.prefix.prefix === r.newPrefix) assert.equal(s.lease.address, mb.newAddress);
      } else {
        assert.equal(s.lease?.prefix.prefix, DEMO_RENUMBERING.oldPrefix, "a member that has not migrated keeps its old HoA");
        assert.equal(isDormant(s.lastBootstrapAt, s.createdAt, now, r.dormantAfterSeconds), mb.state === "dormant");
      }
    }
    // The migrations are real bootstraps: sessions on the new prefix after the announcement, some of them
    // MNs reacting to the flag at once (trigger prefix-change).
    const moved = await db.bootstrapSession.findMany({ where: { outcome: "success", homePrefix: r.newPrefix, createdAt: { gte: r.announcedAt! } }, select: { trigger: true } });
    assert.ok(moved.length >= counts.migrated - 3, `${moved.length} sessions on the new prefix`);
    assert.ok(moved.some((x) => x.trigger === "prefix-change"));

    // The chart has a curve: snapshots spread over the hours since the announcement, ending at the counts.
    const events = await db.renumberingEvent.findMany({ where: { renumberingId: id }, orderBy: { at: "asc" }, select: { at: true, pending: true, migrated: true, dormant: true } });
    assert.ok(events.length >= 4, `${events.length} snapshots`);
    assert.equal(events[0].at.getTime(), r.announcedAt!.getTime());
    assert.equal(events[0].migrated, 0);
    assert.ok(new Set(events.map((e) => Math.floor(e.at.getTime() / 3600_000))).size >= 3);
    for (let i = 1; i < events.length; i++) assert.ok(events[i].migrated >= events[i - 1].migrated);
    const last = events[events.length - 1];
    assert.deepEqual({ pending: last.pending, migrated: last.migrated, dormant: last.dormant }, counts);
  });

  test("the renumbered MNs' credentials still give their expected outcome, on the new prefix", async () => {
    const list = JSON.parse(fs.readFileSync(credentialsFile, "utf8")) as { nai: string; secret: string; servingRealm: string; expect: string }[];
    const db = m.db.getDb();
    const waiting = await db.renumberingMember.findMany({
      where: { renumberingId: summary.renumbering!.id, state: { in: ["pending", "dormant"] } },
      select: { state: true, newAddress: true, subscriber: { select: { nai: true, homeAddressPolicy: true } } },
    });
    const transport = m.inProcess.inProcessTransport();
    for (const state of ["pending", "dormant"]) {
      const mb = waiting.find((w) => w.state === state)!;
      const c = list.find((x) => x.nai === mb.subscriber.nai)!;
      const r = await m.mn.bootstrap({ transport, nai: c.nai, secret: c.secret, servingRealm: c.servingRealm, trigger: "prefix-change" });
      assert.equal(r.ok ? r.scenario : r.error, c.expect, c.nai);
      assert.ok(r.ok);
      assert.equal(r.homePrefix, "2001:db8:100:13::/64");
      if (mb.subscriber.homeAddressPolicy === "dynamic") assert.equal(r.homeAddress, mb.newAddress);
    }
  });
});
