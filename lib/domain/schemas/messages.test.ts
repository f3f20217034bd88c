// Schema messages reach people (form field errors, CSV row errors, API 422s): they must name things in
// words, never by a field id such as "msaProviderId". Every exported schema is parsed with missing,
// blank, wrongly typed and oversized values for each of its fields, and every message is checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import * as aggregate from "./aggregate";
import * as agreement from "./agreement";
import * as audit from "./audit";
import * as homeAgent from "./home-agent";
import * as list from "./list";
import * as prefix from "./prefix";
import * as provider from "./provider";
import * as rebootstrap from "./rebootstrap";
import * as renumbering from "./renumbering";
import * as subscriber from "./subscriber";
import * as user from "./user";

const MODULES = { aggregate, agreement, audit, homeAgent, list, prefix, provider, rebootstrap, renumbering, subscriber, user };
/** a camelCase identifier: a lower-case letter directly followed by an upper-case one inside a word */
const IDENTIFIER = /\b[a-z]+[A-Z]\w*/;

const schemas = Object.entries(MODULES).flatMap(([mod, exports]) =>
  Object.entries(exports)
    .filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${mod}.${name}`, schema })),
);

function keysOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function messagesFor(schema: z.ZodType): string[] {
  const keys = keysOf(schema);
  const fill = (v: unknown) => Object.fromEntries(keys.map((k) => [k, v]));
  const inputs: unknown[] = [{}, fill(""), fill("  "), fill(123), fill({}), fill([""]), fill("x".repeat(3000)), fill(-1)];
  return inputs.flatMap((input) => {
    const r = schema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  });
}

test("the scan covers the create schemas the forms use", () => {
  const names = schemas.map((s) => s.name);
  for (const n of ["subscriber.SubscriberCreateSchema", "homeAgent.HomeAgentCreateSchema", "prefix.PrefixCreateSchema", "agreement.AgreementCreateSchema", "renumbering.RenumberingCreateSchema", "user.UserInviteSchema"]) {
    assert.ok(names.includes(n), n);
  }
});

test("an empty create form gets words, not field ids", () => {
  const r = subscriber.SubscriberCreateSchema.safeParse({});
  assert.equal(r.success, false);
  const byField = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
  assert.equal(byField.msaProviderId, "Choose the mobility service authorizer");
});

for (const { name, schema } of schemas) {
  test(`${name}: no message names a field by its id`, () => {
    const messages = messagesFor(schema);
    const bad = messages.filter((m) => IDENTIFIER.test(m));
    assert.deepEqual([...new Set(bad)], []);
  });
}
