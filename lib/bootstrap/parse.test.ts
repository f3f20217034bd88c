import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { parseBootstrapRequest, parseStatusRequest, parseTimestamp, rawField } from "./parse";

const good = {
  nai: "Alice@MSP.Example",
  servingRealm: "HotSpot.Example",
  timestamp: "2026-12-03T12:00:00.000Z",
  nonce: "AAECAwQFBgcICQoLDA0ODw",
  homeAddressMode: "dynamic",
  trigger: "boot",
  mac: "hgXFIaJdpQzybtuog9xDuFFJoW8otVSXZ1_PithhJ8w",
};

describe("parseTimestamp", () => {
  test("spec format and other RFC 3339 spellings", () => {
    assert.equal(parseTimestamp("2026-12-03T12:00:00.000Z")?.toISOString(), "2026-12-03T12:00:00.000Z");
    assert.equal(parseTimestamp("2026-12-03T13:00:00+01:00")?.toISOString(), "2026-12-03T12:00:00.000Z");
    assert.equal(parseTimestamp("2026-12-03t12:00:00.5z")?.toISOString(), "2026-12-03T12:00:00.500Z");
  });
  test("refuses non-RFC 3339 and impossible dates", () => {
    for (const bad of ["2026-12-03 12:00:00Z", "2026-12-03T12:00:00", "1733227200", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-03T24:00:00Z", ""]) {
      assert.equal(parseTimestamp(bad), null, bad);
    }
  });
});

describe("parseBootstrapRequest", () => {
  test("normalises NAI realm and serving realm, keeps the rest as sent", () => {
    const r = parseBootstrapRequest(good);
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.equal(r.value.nai, "Alice@msp.example");
    assert.equal(r.value.servingRealm, "hotspot.example");
    assert.equal(r.value.timestamp, good.timestamp);
    assert.equal(r.value.time.toISOString(), good.timestamp);
  });
  test("empty serving realm means unknown", () => {
    const r = parseBootstrapRequest({ ...good, servingRealm: "" });
    assert.equal(r.ok && r.value.servingRealm, "");
  });
  test("malformed: not an object", () => {
    for (const b of [null, undefined, "x", 1, [], true]) {
      const r = parseBootstrapRequest(b);
      assert.equal(!r.ok && r.error.status, 400);
      assert.equal(!r.ok && r.error.body.error, "malformed_request");
    }
  });
  test("invalid: field messages", () => {
    const r = parseBootstrapRequest({ ...good, nonce: "AAECAwQFBgcICQoLDA0O", mac: 5, homeAddressMode: "Dynamic", extra: "ignored" });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.status, 422);
    assert.equal(r.error.body.error, "invalid_request");
    assert.deepEqual(r.error.body.fields, {
      nonce: "must be 16 bytes (got 15)",
      mac: "mac must be a string",
      homeAddressMode: "must be one of static, dynamic, privacy",
    });
  });
  test("padded base64 and a 31-byte MAC are refused", () => {
    const padded = parseBootstrapRequest({ ...good, nonce: `${good.nonce}==` });
    assert.equal(!padded.ok && padded.error.body.fields?.nonce, "must be base64url without padding");
    const short = parseBootstrapRequest({ ...good, mac: good.mac.slice(0, 42) });
    assert.equal(!short.ok && !!short.error.body.fields?.mac, true);
  });
});

describe("parseStatusRequest", () => {
  test("valid and invalid", () => {
    const { nai, timestamp, nonce, mac } = good;
    assert.equal(parseStatusRequest({ nai, timestamp, nonce, mac }).ok, true);
    const r = parseStatusRequest({ nai: "bad nai@x.y", timestamp, nonce, mac });
    assert.equal(!r.ok && Object.keys(r.error.body.fields ?? {}).join(), "nai");
  });
});

describe("rawField", () => {
  test("strings only, truncated", () => {
    assert.equal(rawField({ nai: "x".repeat(300) }, "nai", 253).length, 253);
    assert.equal(rawField({ nai: 5 }, "nai", 253), "");
    assert.equal(rawField("nai", "nai", 253), "");
  });
});
