import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { parseNai, parseSubscriberNai, parseRealm, normalizeRealm } from "./nai";

// Every row of PROTOCOLS.md §1.3.
const VALID: string[] = [
  "bob",
  "joe@example.com",
  "fred@foo-9.example.com",
  "jack@3rd.depts.example.com",
  "fred.smith@example.com",
  "fred_smith@example.com",
  "fred=?#$&*+-/^smith@example.com",
  "eng.example.net!nancy@example.net",
  "eng%nancy@example.net",
  "@privatecorp.example.net",
  "bob@δοκιμή.com",
  "alice@xn--tmonesimerkki-bfbb.example.net",
  "anonymous@mip.example.net",
  "234150999999999@ims.mnc015.mcc234.3gppnetwork.org",
  "Alice@MIP.Example.NET",
  "a@b.c",
];

const INVALID: Array<[string, RegExp]> = [
  ["fred@example", /two labels/],
  ["fred@example_9.com", /"_"/],
  ["fred@example.net@example.net", /at most one "@"/],
  ["fred.@example.net", /end with a dot/],
  [".bob@example.com", /start with a dot/],
  ["bo..b@example.com", /two dots/],
  ["eng:nancy@example.net", /":"/],
  ["eng;nancy@example.net", /";"/],
  ["(user)@example.net", /"\("/],
  ["<nancy>@example.net", /"<"/],
  ["\\(user\\)@example.net", /"\\"/],
  ["bob@-example.com", /start or end with "-"/],
  ["bob@example-.com", /start or end with "-"/],
  ["bob@example..com", /empty label/],
  ["bob@.example.com", /start with a dot/],
  ["bob@example.com.", /end with a dot/],
  ["bob smith@example.com", /a space/],
  ["\"bob\"@example.com", /"""/],
  ["bob@[192.0.2.1]", /"\["/],
  ["bob\t@example.com", /control character U\+0009/],
  ["bob@e\u0301xample.com", /NFC/],
  ["u".repeat(245) + "@example.com", /253 octets/],
  ["", /empty/],
  ["@", /neither/],
  ["bob@", /realm is empty/],
];

describe("parseNai: PROTOCOLS.md valid table", () => {
  for (const nai of VALID) {
    test(`valid: ${JSON.stringify(nai)}`, () => {
      const r = parseNai(nai);
      assert.equal(r.ok, true, r.ok ? "" : r.message);
    });
  }
});

describe("parseNai: PROTOCOLS.md invalid table", () => {
  for (const [nai, why] of INVALID) {
    test(`invalid: ${JSON.stringify(nai)}`, () => {
      const r = parseNai(nai);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, why);
    });
  }
});

describe("normalised form", () => {
  test("realm ASCII letters lowered, user part byte for byte", () => {
    const r = parseNai("Alice@MIP.Example.NET");
    assert.deepEqual(r, { ok: true, nai: "Alice@mip.example.net", user: "Alice", realm: "mip.example.net" });
  });
  test("non-ASCII realm letters are not case-folded", () => {
    const r = parseNai("bob@ΔΟΚΙΜΉ.COM");
    assert.equal(r.ok, true);
    if (r.ok) assert.equal(r.nai, "bob@ΔΟΚΙΜΉ.com");
  });
  test("the three forms", () => {
    assert.deepEqual(parseNai("bob"), { ok: true, nai: "bob", user: "bob", realm: null });
    assert.deepEqual(parseNai("@Corp.Example.NET"), { ok: true, nai: "@corp.example.net", user: null, realm: "corp.example.net" });
  });
  test("UTF-8 realm has the octet length given in PROTOCOLS.md", () => {
    assert.equal(Buffer.from("bob@δοκιμή.com", "utf8").toString("hex"), "626f6240ceb4cebfcebaceb9cebcceae2e636f6d");
  });
  test("exactly 253 octets is accepted, 254 is not", () => {
    const realm = "@example.com"; // 12 octets
    assert.equal(parseNai("u".repeat(241) + realm).ok, true);
    assert.equal(parseNai("u".repeat(242) + realm).ok, false);
  });
  test("a 64-octet realm label is refused, 63 is fine", () => {
    assert.equal(parseNai(`a@${"x".repeat(63)}.com`).ok, true);
    const r = parseNai(`a@${"x".repeat(64)}.com`);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /63 octets/);
  });
  test("normalizeRealm lowers ASCII only", () => {
    assert.equal(normalizeRealm("ÉXAMPLE.Com"), "Éxample.com");
  });
});

describe("parseSubscriberNai", () => {
  test("requires user@realm", () => {
    assert.equal(parseSubscriberNai("bob").ok, false);
    assert.equal(parseSubscriberNai("@example.com").ok, false);
    const r = parseSubscriberNai("Bob@Example.com");
    assert.equal(r.ok && r.nai, "Bob@example.com");
  });
  test("passes through syntax errors", () => {
    const r = parseSubscriberNai("bob@example");
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /two labels/);
  });
});

describe("parseRealm", () => {
  test("normalises", () => {
    assert.deepEqual(parseRealm("HotSpot.Example"), { ok: true, realm: "hotspot.example" });
  });
  test("refuses bad realms", () => {
    for (const bad of ["", "example", "a_b.com", "bob@example.com", "-a.com", "a..b", "e\u0301xample.com"]) {
      assert.equal(parseRealm(bad).ok, false, bad);
    }
  });
});
