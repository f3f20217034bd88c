import { test } from "node:test";
import assert from "node:assert/strict";
import { base32Encode, hotp, matchTotpStep, otpauthUri, totpAt, totpStep, verifyTotp } from "./totp";

// RFC 4226 Appendix D: secret "12345678901234567890", counters 0..9.
const HOTP_VECTORS = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
const SECRET = Buffer.from("12345678901234567890", "ascii");

test("HOTP matches RFC 4226 Appendix D", () => {
  HOTP_VECTORS.forEach((v, i) => assert.equal(hotp(SECRET, BigInt(i)), v));
});

test("TOTP matches RFC 6238 Appendix B (SHA-1, 8 digits)", () => {
  const cases: [number, string][] = [[59, "94287082"], [1111111109, "07081804"], [1111111111, "14050471"], [1234567890, "89005924"], [2000000000, "69279037"], [20000000000, "65353130"]];
  for (const [t, code] of cases) assert.equal(totpAt(SECRET, new Date(t * 1000), 8), code);
});

test("verify accepts the current and adjacent steps only, and only six digits", () => {
  const now = new Date(1_700_000_000_000);
  const code = totpAt(SECRET, now);
  assert.equal(verifyTotp(SECRET, code, now), true);
  assert.equal(verifyTotp(SECRET, code, new Date(now.getTime() + 30_000)), true);
  assert.equal(verifyTotp(SECRET, code, new Date(now.getTime() + 90_000)), false);
  assert.equal(verifyTotp(SECRET, "12345", now), false);
  assert.equal(verifyTotp(SECRET, `${code}0`, now), false);
  assert.equal(verifyTotp(SECRET, "abcdef", now), false);
});

test("base32 and the otpauth URI", () => {
  assert.equal(base32Encode(Buffer.from("foobar")), "MZXW6YTBOI");
  const uri = otpauthUri(SECRET, "op@example.net");
  assert.match(uri, /^otpauth:\/\/totp\/MIP6%20Console%3Aop%40example\.net\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&/);
  assert.match(uri, /digits=6/);
});

test("matchTotpStep names the step a code belongs to and skips spent steps", () => {
  const now = new Date(1_700_000_010_000);
  const step = totpStep(now);
  assert.equal(step, Math.floor(1_700_000_010 / 30));
  const prev = totpAt(SECRET, new Date(now.getTime() - 30_000));
  const cur = totpAt(SECRET, now);
  const next = totpAt(SECRET, new Date(now.getTime() + 30_000));
  assert.equal(matchTotpStep(SECRET, cur, now), step);
  assert.equal(matchTotpStep(SECRET, prev, now), step - 1);
  assert.equal(matchTotpStep(SECRET, ` ${next.slice(0, 3)} ${next.slice(3)} `, now), step + 1, "spaces are ignored");
  assert.equal(matchTotpStep(SECRET, cur, now, step - 1), step, "unspent");
  assert.equal(matchTotpStep(SECRET, cur, now, step), null, "spent: the same step");
  assert.equal(matchTotpStep(SECRET, prev, now, step), null, "spent: an earlier step");
  assert.equal(matchTotpStep(SECRET, next, now, step), step + 1, "a later step is still good");
  assert.equal(matchTotpStep(SECRET, totpAt(SECRET, new Date(now.getTime() + 60_000)), now), null, "outside the window");
  assert.equal(matchTotpStep(SECRET, "12345", now), null);
});
