// Lookups by id in lib/data: an id that is not a non-empty string is "not found" — never the first row in
// scope (Prisma drops an undefined field from a filter) and never a Prisma validation error (a 500).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";
import { buildWorld, type World } from "./security-world";

let env: Awaited<ReturnType<typeof setupDatabase>>;
let world: World;
before(async () => {
  env = await setupDatabase("data-lookup");
  world = await buildWorld();
});
after(() => env.cleanup());

test("every getter of lib/data answers 404 for undefined, empty, non-string and oversized ids, with rows in scope", async () => {
  const data = {
    subscribers: await import("@/lib/data/subscribers"),
    homeAgents: await import("@/lib/data/home-agents"),
    prefixes: await import("@/lib/data/prefixes"),
    providers: await import("@/lib/data/providers"),
    agreements: await import("@/lib/data/agreements"),
    leases: await import("@/lib/data/leases"),
    sessions: await import("@/lib/data/sessions"),
    renumberings: await import("@/lib/data/renumberings"),
    aggregates: await import("@/lib/data/aggregates"),
    users: await import("@/lib/data/users"),
  };
  const getters: [string, (actor: never, id: never) => Promise<unknown>][] = [
    ["getSubscriber", data.subscribers.getSubscriber],
    ["getSubscriberByNai", data.subscribers.getSubscriberByNai],
    ["getHomeAgent", data.homeAgents.getHomeAgent],
    ["getPrefix", data.prefixes.getPrefix],
    ["getProvider", data.providers.getProvider],
    ["getAgreement", data.agreements.getAgreement],
    ["getLease", data.leases.getLease],
    ["getSession", data.sessions.getSession],
    ["getRenumbering", data.renumberings.getRenumbering],
    ["getAggregate", data.aggregates.getAggregate],
    ["getUser", data.users.getUser],
  ] as never;
  const admin = world.users.admin.actor;
  // The admin sees rows of every kind, so a lookup that dropped its id would find one.
  assert.ok(await data.subscribers.getSubscriber(admin as never, world.a.subscriber as never));
  for (const [name, get] of getters) {
    assert.equal(typeof get, "function", name);
    for (const bad of [undefined, null, "", 42, { not: "x" }, ["x"], "x".repeat(600)]) {
      await assert.rejects(get(admin as never, bad as never), (e: unknown) => (e as { status?: number }).status === 404, `${name}(${JSON.stringify(bad)?.slice(0, 20)})`);
    }
  }
});
