import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { passwordVersion, portalSessionKey, signPortalSession, verifyPortalSession } from "./portal-cookie";

const key = portalSessionKey(crypto.randomBytes(32));
const now = new Date("2026-01-01T00:00:00Z");
const exp = Math.floor(now.getTime() / 1000) + 60;

test("a signed session verifies and carries its claims", () => {
  const v = signPortalSession(key, { sid: "sub1", pv: "abc", exp });
  assert.deepEqual(verifyPortalSession(key, v, now), { sid: "sub1", pv: "abc", exp });
});

test("tampered, foreign-key, expired and junk values are refused", () => {
  const v = signPortalSession(key, { sid: "sub1", pv: "abc", exp });
  const [payload, sig] = v.split(".");
  const forged = Buffer.from(JSON.stringify({ sid: "sub2", pv: "abc", exp })).toString("base64url");
  assert.equal(verifyPortalSession(key, `${forged}.${sig}`, now), null);
  assert.equal(verifyPortalSession(portalSessionKey(crypto.randomBytes(32)), v, now), null);
  assert.equal(verifyPortalSession(key, v, new Date((exp + 1) * 1000)), null);
  const flipped = (sig.startsWith("A") ? "B" : "A") + sig.slice(1);
  assert.equal(verifyPortalSession(key, `${payload}.${flipped}`, now), null);
  for (const junk of ["", "x", `${payload}.`, `.${sig}`, `${payload}.${sig}.x`, "a".repeat(2000)]) assert.equal(verifyPortalSession(key, junk, now), null);
});

test("the key is derived, not the data key itself, and differs per data key", () => {
  const dk = crypto.randomBytes(32);
  assert.equal(portalSessionKey(dk).length, 32);
  assert.notDeepEqual(portalSessionKey(dk), dk);
  assert.deepEqual(portalSessionKey(dk), portalSessionKey(Buffer.from(dk)));
});

test("the password version changes with the password hash", () => {
  assert.notEqual(passwordVersion("$argon2id$a"), passwordVersion("$argon2id$b"));
  assert.equal(passwordVersion("$argon2id$a"), passwordVersion("$argon2id$a"));
  assert.equal(passwordVersion("x").length, 16);
});
