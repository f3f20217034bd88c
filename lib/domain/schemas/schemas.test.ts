// The shared input schemas: what a form, the API and the CSV import accept, and the messages they give.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "./parse";
import { SubscriberCreateSchema, SubscriberUpdateSchema } from "./subscriber";
import { PrefixCreateSchema } from "./prefix";
import { HomeAgentCreateSchema } from "./home-agent";
import { ProviderCreateSchema } from "./provider";
import { ListQuerySchema, SessionListQuerySchema, SubscriberListQuerySchema } from "./list";

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return e.fields ?? {};
  }
  assert.fail("expected a ValidationError");
}

test("subscriber: NAI normalised (realm lowered, user kept), defaults applied, blanks mean null", () => {
  const s = parseInput(SubscriberCreateSchema, { nai: "Bob.Smith@MIP.Example.NET", msaProviderId: "p1", accessNai: "", asaProviderId: "" });
  assert.equal(s.nai, "Bob.Smith@mip.example.net");
  assert.equal(s.homeAddressPolicy, "dynamic");
  assert.equal(s.status, "active");
  assert.equal(s.accessNai, null);
  assert.equal(s.asaProviderId, null);
});

test("subscriber: field messages for each bad field, all at once", () => {
  const f = fieldsOf(() => parseInput(SubscriberCreateSchema, { nai: "fred@sales", msaProviderId: "", homeAddressPolicy: "sticky", staticHomeAddress: "1::2::3" }));
  assert.match(f.nai, /two labels/);
  assert.equal(f.msaProviderId, "Choose the mobility service authorizer");
  assert.match(f.homeAddressPolicy, /static, dynamic or privacy/);
  assert.ok(f.staticHomeAddress);
});

test("subscriber: static policy and its address go together; an access NAI needs its ASA", () => {
  assert.match(fieldsOf(() => parseInput(SubscriberCreateSchema, { nai: "a@b.example", msaProviderId: "p", homeAddressPolicy: "static" })).staticHomeAddress, /needs/);
  assert.match(fieldsOf(() => parseInput(SubscriberCreateSchema, { nai: "a@b.example", msaProviderId: "p", staticHomeAddress: "2001:db8::5" })).staticHomeAddress, /only a static/);
  assert.match(fieldsOf(() => parseInput(SubscriberCreateSchema, { nai: "a@b.example", msaProviderId: "p", accessNai: "a@isp.example" })).asaProviderId, /ASA/);
  const ok = parseInput(SubscriberCreateSchema, { nai: "a@b.example", msaProviderId: "p", homeAddressPolicy: "static", staticHomeAddress: "2001:DB8:0::0:5" });
  assert.equal(ok.staticHomeAddress, "2001:db8::5");
});

test("subscriber update: every field optional, null clears, unknown values refused", () => {
  assert.deepEqual(parseInput(SubscriberUpdateSchema, {}), {});
  assert.equal(parseInput(SubscriberUpdateSchema, { pinnedHomeAgentId: null }).pinnedHomeAgentId, null);
  assert.ok(fieldsOf(() => parseInput(SubscriberUpdateSchema, { status: "deleted" })).status);
});

test("the body must be a JSON object", () => {
  for (const body of [null, [], "text", 5]) assert.ok(fieldsOf(() => parseInput(SubscriberCreateSchema, body))._);
});

test("prefix: canonical, zero host bits, /16 to /124", () => {
  assert.equal(parseInput(PrefixCreateSchema, { homeAgentId: "h", prefix: " 2001:DB8:0:1:0::/64 " }).prefix, "2001:db8:0:1::/64");
  assert.match(fieldsOf(() => parseInput(PrefixCreateSchema, { homeAgentId: "h", prefix: "2001:db8::1/64" })).prefix, /host bits/);
  assert.match(fieldsOf(() => parseInput(PrefixCreateSchema, { homeAgentId: "h", prefix: "2000::/8" })).prefix, /between/);
  assert.match(fieldsOf(() => parseInput(PrefixCreateSchema, { homeAgentId: "h", prefix: "2001:db8::1/128" })).prefix, /between/);
  assert.ok(fieldsOf(() => parseInput(PrefixCreateSchema, { homeAgentId: "h", prefix: "2001:db8::/64", state: "gone" })).state);
});

test("home agent: capacity is a positive whole number (text from forms too); FQDN lowered", () => {
  const ha = parseInput(HomeAgentCreateSchema, { providerId: "p", name: "ha", fqdn: "HA1.Example.NET.", address: "2001:db8::1", region: "eu", capacity: "250" });
  assert.equal(ha.capacity, 250);
  assert.equal(ha.fqdn, "ha1.example.net");
  for (const capacity of [0, -1, 1.5, "many", null]) {
    assert.ok(fieldsOf(() => parseInput(HomeAgentCreateSchema, { providerId: "p", name: "ha", fqdn: "h.example", address: "2001:db8::1", region: "eu", capacity })).capacity, String(capacity));
  }
});

test("provider: realms normalised and unique, at least one known role", () => {
  const p = parseInput(ProviderCreateSchema, { name: "Op", realms: ["Mip.Example.NET", { name: "b.example", region: "eu" }], roles: ["MSP", "MSA", "MSP"] });
  assert.deepEqual(p.realms, [{ name: "mip.example.net", region: null }, { name: "b.example", region: "eu" }]);
  assert.deepEqual(p.roles, ["MSA", "MSP"]);
  assert.match(fieldsOf(() => parseInput(ProviderCreateSchema, { name: "Op", realms: ["a.example", "A.example"], roles: ["ASP"] })).realms, /once/);
  assert.ok(fieldsOf(() => parseInput(ProviderCreateSchema, { name: "Op", roles: [] })).roles);
});

test("list queries: limit default 50, at most 500; dates and booleans from text", () => {
  assert.equal(ListQuerySchema.parse({}).limit, 50);
  assert.equal(ListQuerySchema.parse({ limit: "500" }).limit, 500);
  assert.equal(ListQuerySchema.safeParse({ limit: "501" }).success, false);
  assert.equal(ListQuerySchema.safeParse({ limit: "1e2" }).success, true);
  assert.equal(ListQuerySchema.safeParse({ limit: "2.5" }).success, false);
  assert.equal(SubscriberListQuerySchema.parse({ rebootstrapRequired: "true" }).rebootstrapRequired, true);
  assert.equal(SessionListQuerySchema.parse({ from: "2026-01-01T00:00:00Z" }).from?.toISOString(), "2026-01-01T00:00:00.000Z");
  assert.equal(SessionListQuerySchema.safeParse({ from: "not a date" }).success, false);
});
