// A renumbering job stopped mid-way (the process dies holding the lock) is resumed by another runner
// once the lock is stale, and ends in exactly the state of an uninterrupted run. Between batches the
// renumbering is never half-applied: whole batches only, and the state changes in the last one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";

process.env.JOB_RUNNER = "manual";

async function load() {
  const env = await setupDatabase("renumbering-resume");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/actor")),
    fx: await import("./bootstrap-fixtures"),
    rfx: await import("./renumbering-fixtures"),
    jobs: await import("@/lib/jobs/runner"),
    svc: await import("@/lib/services/renumbering"),
    ipv6: await import("@/lib/domain/ipv6"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
const N = 3500;
const BATCH = 500;

before(async () => {
  m = await load();
});
after(() => m.env.cleanup());

/** Everything the job decides, with the tag and the prefix factored out so two runs can be compared. */
async function endState(renumberingId: string, tag: string) {
  const r = await m.db.renumbering.findUniqueOrThrow({ where: { id: renumberingId }, select: { state: true, oldPrefixId: true, jobId: true } });
  const members = await m.db.renumberingMember.findMany({
    where: { renumberingId },
    orderBy: { subscriberId: "asc" },
    select: { subscriberId: true, oldAddress: true, newAddress: true, isStatic: true, state: true },
  });
  const iid = (t: string) => m.ipv6.interfaceId((m.ipv6.parseAddress(t) as { value: bigint }).value).toString(16);
  const subs = await m.db.subscriber.findMany({
    where: { id: { startsWith: `${tag}-` } },
    orderBy: { id: "asc" },
    select: { id: true, rebootstrapRequired: true, rebootstrapReason: true, staticHomeAddress: true },
  });
  const job = await m.db.job.findUniqueOrThrow({ where: { id: r.jobId! }, select: { state: true, total: true, done: true, lockedBy: true } });
  return {
    state: r.state,
    oldPrefixState: (await m.db.homePrefix.findUniqueOrThrow({ where: { id: r.oldPrefixId } })).state,
    members: members.map((x) => [x.subscriberId.slice(tag.length), iid(x.oldAddress), iid(x.newAddress), x.isStatic, x.state]),
    subscribers: subs.map((s) => [s.id.slice(tag.length), s.rebootstrapRequired, s.rebootstrapReason, s.staticHomeAddress ? iid(s.staticHomeAddress) : null]),
    job: { state: job.state, total: job.total, done: job.done, locked: job.lockedBy !== null },
    events: await m.db.renumberingEvent.count({ where: { renumberingId } }),
  };
}

async function setup(tag: string, oldText: string) {
  const provider = (await m.db.provider.findFirst({ where: { name: "Cellular" } })) ?? (await m.fx.createProvider("Cellular", ["MSP", "MSA"], [{ name: "msp.example" }]));
  const ha = await m.fx.createHomeAgent(provider.id, { name: `ha-${tag}`, fqdn: `ha-${tag}.msp.example`, address: `${oldText.split("::")[0]}:ffff::1`, region: "eu", prefixes: [oldText] });
  await m.rfx.populatePrefix({ providerId: provider.id, homeAgentId: ha.id, prefixId: ha.prefixes[0].id, prefix: oldText, count: N, tag, staticEvery: 100, lastBootstrapAt: new Date() });
  return ha.prefixes[0].id;
}

test("plan and announce resume after a runner dies mid-way; the end state equals an uninterrupted run", async () => {
  const sys = m.systemActor("test");
  const aId = await setup("a", "2001:db8:a::/64");
  const bId = await setup("b", "2001:db8:b::/64");

  // A: uninterrupted.
  const a = await m.svc.planRenumbering(sys, { prefixId: aId, newPrefix: "2001:db8:aa::/64" });
  assert.equal(await m.jobs.runJob(a.job!.id, { workerId: "w1", batchSize: BATCH }), "succeeded");
  const aAnn = await m.svc.announceRenumbering(sys, a.id);
  assert.equal(await m.jobs.runJob(aAnn.job!.id, { workerId: "w1", batchSize: BATCH }), "succeeded");

  // B: the planning runner dies after 2 batches, holding its lock.
  const b = await m.svc.planRenumbering(sys, { prefixId: bId, newPrefix: "2001:db8:bb::/64" });
  assert.equal(await m.jobs.runJob(b.job!.id, { workerId: "w1", batchSize: BATCH, maxBatches: 2 }), "stopped");
  assert.equal(await m.db.renumberingMember.count({ where: { renumberingId: b.id } }), 2 * BATCH, "whole batches only");
  // Announcing is refused while the plan is unfinished.
  await assert.rejects(m.svc.announceRenumbering(sys, b.id), (e: { status?: number }) => e.status === 409);
  // Another runner may not take a fresh lock…
  assert.equal(await m.jobs.runJob(b.job!.id, { workerId: "w2", batchSize: BATCH }), "not-claimed");
  // …but takes over a stale one and finishes.
  assert.equal(await m.jobs.runJob(b.job!.id, { workerId: "w2", batchSize: BATCH, staleMs: 0 }), "succeeded");

  const bAnn = await m.svc.announceRenumbering(sys, b.id);
  // The announcing runner dies after 3 batches (1 top-up over the leases + 2 of flags).
  assert.equal(await m.jobs.runJob(bAnn.job!.id, { workerId: "w3", batchSize: BATCH, maxBatches: 3 }), "stopped");
  const mid = await m.db.renumbering.findUniqueOrThrow({ where: { id: b.id } });
  assert.equal(mid.state, "planned", "the state changes only in the job's last transaction");
  assert.equal(await m.db.renumberingEvent.count({ where: { renumberingId: b.id } }), 0);
  // The restarted server's runner picks up every abandoned job.
  assert.equal(await m.jobs.runPendingJobs({ workerId: "w4", batchSize: BATCH, staleMs: 0 }), 1);

  const ea = await endState(a.id, "a");
  const eb = await endState(b.id, "b");
  assert.equal(ea.state, "announced");
  assert.equal(ea.members.length, N);
  assert.equal(ea.subscribers.filter((s) => s[1] === true && s[2] === "renumbering").length, N);
  assert.equal(ea.subscribers.filter((s) => s[3] !== null).length, N / 100);
  assert.deepEqual(eb, ea);
  assert.equal(eb.job.done, eb.job.total);
});
