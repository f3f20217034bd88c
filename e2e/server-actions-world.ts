// The world of e2e/server-actions.spec.ts, made through the real services against the e2e server's database
// (DATABASE_URL and CONSOLE_KEY_FILE come from playwright.config.ts through the environment). Run with tsx
// (Playwright's loader cannot load the generated Prisma client); prints one JSON line with every id,
// password and secret the spec needs.
//
// Providers A and B (all four roles) and C (the other party of B's agreements); each of A and B has a home
// agent and a /64; B also has an aggregate, two planned renumberings, a third prefix to plan on, a flagged
// subscriber, a subscriber holding a lease, a draft agreement to change and one to delete, a finished import
// job of its operator, a subscriber with an open portal invite, and a user (operator of B) for the user
// actions. Console users: an admin, operators of A and of B, an auditor. A's subscriber has a portal password.
import crypto from "node:crypto";

process.env.JOB_RUNNER = "manual";

async function main() {
  const tag = process.argv[2] || crypto.randomBytes(3).toString("hex");
  const n = (0xa000 + (parseInt(tag.slice(0, 3), 16) % 0xfff)).toString(16);
  const { systemActor } = await import("@/lib/auth/actor");
  const { createProvider } = await import("@/lib/services/providers");
  const { createHomeAgent } = await import("@/lib/services/home-agents");
  const { createPrefix } = await import("@/lib/services/prefixes");
  const { createAggregate } = await import("@/lib/services/aggregates");
  const { createSubscriber } = await import("@/lib/services/subscribers");
  const { createAgreement } = await import("@/lib/services/agreements");
  const { planRenumbering } = await import("@/lib/services/renumbering");
  const { requestRebootstrapMany } = await import("@/lib/services/rebootstrap");
  const { startSubscriberImport } = await import("@/lib/services/subscriber-import");
  const { createPortalInvite, acceptPortalInvite } = await import("@/lib/services/portal");
  const { createUser } = await import("@/lib/services/user-admin");
  const { runJob } = await import("@/lib/jobs/runner");
  const { bootstrap } = await import("@/lib/mn/client");
  const { inProcessTransport } = await import("@/lib/mn/in-process");
  const { disconnectDb } = await import("@/lib/db/client");
  const sys = systemActor("e2e-server-actions");
  const roles = ["MSA", "MSP", "ASA", "ASP"];
  const pw = () => `sa-${crypto.randomBytes(18).toString("base64url")}`;

  const side = async (s: "a" | "b") => {
    const realm = `${s}-${tag}.sa.example`;
    const provider = await createProvider(sys, { name: `SA ${s.toUpperCase()} ${tag}`, realms: [realm], roles });
    const ha = await createHomeAgent(sys, { providerId: provider.id, name: `sa-ha-${s}-${tag}`, fqdn: `ha.${realm}`, address: `2001:db8:${n}:${s}::1`, region: "e2e", capacity: 100 });
    const prefix = await createPrefix(sys, { homeAgentId: ha.id, prefix: `2001:db8:${n}:${s}::/64` });
    const sub = await createSubscriber(sys, { nai: `alice@${realm}`, msaProviderId: provider.id });
    return { realm, provider: provider.id, ha: ha.id, prefix: prefix.id, subscriber: sub.subscriber.id, nai: sub.subscriber.nai, secret: sub.secret };
  };
  const a = await side("a");
  const b = await side("b");
  const cRealm = `c-${tag}.sa.example`;
  const c = await createProvider(sys, { name: `SA C ${tag}`, realms: [cRealm], roles });

  const users = {
    admin: { email: `sa-admin-${tag}@e2e.example`, role: "admin", providerIds: [] as string[], password: pw() },
    opA: { email: `sa-op-a-${tag}@e2e.example`, role: "operator", providerIds: [a.provider], password: pw() },
    opB: { email: `sa-op-b-${tag}@e2e.example`, role: "operator", providerIds: [b.provider], password: pw() },
    auditor: { email: `sa-auditor-${tag}@e2e.example`, role: "auditor", providerIds: [] as string[], password: pw() },
    targetB: { email: `sa-target-b-${tag}@e2e.example`, role: "operator", providerIds: [b.provider], password: pw() },
  };
  const userIds: Record<string, string> = {};
  for (const [k, u] of Object.entries(users)) userIds[k] = (await createUser(sys, { email: u.email, role: u.role, providerIds: u.providerIds, password: u.password })).id;
  const opBActor = { kind: "user" as const, userId: userIds.opB, email: users.opB.email, role: "operator" as const, providerIds: [b.provider] };

  // B's extra objects.
  const aggregate = await createAggregate(sys, { providerId: b.provider, prefix: `2001:db8:${n}:f00::/56` });
  const renumbering = async (i: number) => {
    const p = await createPrefix(sys, { homeAgentId: b.ha, prefix: `2001:db8:${n}:b${i}::/64` });
    const r = await planRenumbering(sys, { prefixId: p.id, newPrefix: `2001:db8:${n}:c${i}::/64`, dormantAfterSeconds: 86400 });
    return r.id;
  };
  const renumberingAnnounce = await renumbering(1);
  const renumberingCancel = await renumbering(2);
  const planPrefix = (await createPrefix(sys, { homeAgentId: b.ha, prefix: `2001:db8:${n}:b3::/64` })).id;
  const flagged = await createSubscriber(sys, { nai: `flagged@${b.realm}`, msaProviderId: b.provider });
  await requestRebootstrapMany(sys, { subscriberIds: [flagged.subscriber.id] });
  const leased = await createSubscriber(sys, { nai: `leased@${b.realm}`, msaProviderId: b.provider });
  const boot = await bootstrap({ transport: inProcessTransport(), nai: leased.subscriber.nai, secret: leased.secret, servingRealm: b.realm });
  if (!boot.ok) throw new Error(`bootstrap of the leased subscriber failed: ${JSON.stringify(boot)}`);
  const { getDb } = await import("@/lib/db/client");
  const lease = await getDb().hoaLease.findUniqueOrThrow({ where: { subscriberId: leased.subscriber.id }, select: { id: true } });
  const agreement = await createAgreement(sys, { kind: "mobility", fromProviderId: b.provider, toProviderId: c.id, status: "draft", validFrom: "2026-01-01T00:00:00Z" });
  const agreementDelete = await createAgreement(sys, { kind: "network-access", fromProviderId: b.provider, toProviderId: c.id, status: "draft", validFrom: "2026-01-01T00:00:00Z" });
  const job = await startSubscriberImport(opBActor, `nai,msaProviderId\nimported@${b.realm},${b.provider}\n`);
  await runJob(job.id);
  const invited = await createSubscriber(sys, { nai: `invited@${b.realm}`, msaProviderId: b.provider });
  const invite = await createPortalInvite(sys, invited.subscriber.id);

  // A's subscriber signs in to the portal with this password.
  const portalInvite = await createPortalInvite(sys, a.subscriber);
  const portalPassword = pw();
  await acceptPortalInvite(portalInvite.token, { password: portalPassword, confirmPassword: portalPassword });

  const out = {
    tag, n, a, b, c: { provider: c.id, realm: cRealm },
    users: Object.fromEntries(Object.entries(users).map(([k, u]) => [k, { ...u, id: userIds[k] }])),
    portal: { nai: a.nai, password: portalPassword },
    B: {
      provider: b.provider, realm: b.realm, ha: b.ha, prefix: b.prefix, subscriber: b.subscriber, aggregate: aggregate.id,
      renumberingAnnounce, renumberingCancel, planPrefix, flagged: flagged.subscriber.id, leased: leased.subscriber.id, lease: lease.id,
      agreement: agreement.id, agreementDelete: agreementDelete.id, job: job.id, invited: invited.subscriber.id, inviteToken: invite.token,
      user: userIds.targetB,
    },
    secrets: [a.secret, b.secret, flagged.secret, leased.secret, invited.secret, invite.token, portalInvite.token, portalPassword, ...Object.values(users).map((u) => u.password)],
  };
  await disconnectDb();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
