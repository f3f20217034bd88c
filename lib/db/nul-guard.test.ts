import { test } from "node:test";
import assert from "node:assert/strict";
import { findNul, refuseNul } from "./nul-guard";
import { ValidationError } from "@/lib/errors";

test("findNul names the field under Prisma's clauses and operators", () => {
  assert.equal(findNul({ where: { id: "a\u0000b" } }), "id");
  assert.equal(findNul({ where: { AND: [{ name: { startsWith: "x\u0000" } }] } }), "name");
  assert.equal(findNul({ data: { realms: { create: [{ name: "r\u0000" }] } } }), "name");
  assert.equal(findNul({ where: { id: { in: ["ok", "\u0000"] } } }), "id");
  assert.equal(findNul("\u0000"), "value");
});

test("findNul passes clean arguments, dates, buffers and other objects", () => {
  assert.equal(findNul({ where: { id: "abc", createdAt: { gte: new Date() } }, data: { blob: Buffer.from([0, 0]), n: 0, b: null } }), null);
  assert.equal(findNul({ data: { text: "tab\tand newline\n and U+FFFD \uFFFD" } }), null);
});

test("refuseNul throws a 422 ValidationError naming the field", () => {
  assert.throws(() => refuseNul({ data: { email: "a\u0000@b" } }), (e) => e instanceof ValidationError && e.status === 422 && "email" in (e.fields ?? {}));
  assert.doesNotThrow(() => refuseNul({ data: { email: "a@b" } }));
});
