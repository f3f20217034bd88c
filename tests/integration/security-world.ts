// A two-provider world for the scope matrix and the fuzz test: providers A and B, each with an HA, a
// prefix and a subscriber; users admin, operator of A, operator of B, auditor, each with a real API
// token. Import only after setupDatabase() has pointed DATABASE_URL at a throw-away database.
import fs from "node:fs";
import path from "node:path";

export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld() {
  const { systemActor } = await import("@/lib/auth/actor");
  const { createApiToken } = await import("@/lib/auth/api-token");
  const { createProvider } = await import("@/lib/services/providers");
  const { createHomeAgent } = await import("@/lib/services/home-agents");
  const { createPrefix } = await import("@/lib/services/prefixes");
  const { createSubscriber } = await import("@/lib/services/subscribers");
  const { createUser } = await import("@/lib/services/user-admin");
  const sys = systemActor("test");

  const side = async (tag: "a" | "b", n: number) => {
    const provider = await createProvider(sys, { name: `Provider ${tag.toUpperCase()}`, realms: [`${tag}.example.net`], roles: ["MSA", "MSP", "ASA", "ASP"] });
    const ha = await createHomeAgent(sys, { providerId: provider.id, name: `ha-${tag}`, fqdn: `ha.${tag}.example.net`, address: `2001:db8:${n}::1`, region: "eu", capacity: 100 });
    const prefix = await createPrefix(sys, { homeAgentId: ha.id, prefix: `2001:db8:${n}:1::/64` });
    const sub = await createSubscriber(sys, { nai: `alice@${tag}.example.net`, msaProviderId: provider.id });
    return { provider: provider.id, ha: ha.id, prefix: prefix.id, subscriber: sub.subscriber.id, secret: sub.secret };
  };
  const a = await side("a", 10);
  const b = await side("b", 11);

  const pw = "correct horse battery staple";
  const mk = async (email: string, role: string, providerIds: string[] = []) => {
    const u = await createUser(sys, { email, role, providerIds, password: pw });
    const t = await createApiToken(sys, { userId: u.id, name: `${email} token` });
    return { id: u.id, email, token: t.token, tokenId: t.id, actor: { kind: "user" as const, userId: u.id, email, role: role as "admin" | "operator" | "auditor", providerIds } };
  };
  const users = {
    admin: await mk("admin@sec.test", "admin"),
    opA: await mk("op-a@sec.test", "operator", [a.provider]),
    opB: await mk("op-b@sec.test", "operator", [b.provider]),
    auditor: await mk("auditor@sec.test", "auditor"),
  };
  return { a, b, users, secrets: [a.secret, b.secret, ...Object.values(users).map((u) => u.token), pw] };
}

/** Every app/api/v1 route module, as { file, template ("subscribers/[id]/rotate-secret"), methods }. */
export function apiRouteFiles(root = path.join(process.cwd(), "app/api/v1")): { file: string; template: string }[] {
  const out: { file: string; template: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") out.push({ file: p, template: path.relative(root, dir).split(path.sep).join("/") });
    }
  };
  walk(root);
  return out.sort((x, y) => x.template.localeCompare(y.template));
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
