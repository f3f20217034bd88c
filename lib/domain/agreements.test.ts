import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { agreementFieldErrors, windowsOverlap, findOverlap, canTransition, agreementState } from "./agreements";

const asp = { id: "a", name: "Airport", roles: ["ASP"] };
const iasp = { id: "c", name: "Cellular", roles: ["ASP", "ASA", "MSP", "MSA"] };
const msaOnly = { id: "e", name: "Enterprise", roles: ["MSA"] };
const t = (s: string) => new Date(`2026-12-${s}T00:00:00.000Z`);

describe("agreementFieldErrors", () => {
  const base = { validFrom: t("01"), validUntil: null, allowLocalHomeAgent: false };
  test("valid network-access ASP → ASA", () =>
    assert.deepEqual(agreementFieldErrors({ ...base, kind: "network-access", from: asp, to: iasp }), {}));
  test("valid mobility MSP → MSA with local HA", () =>
    assert.deepEqual(agreementFieldErrors({ ...base, kind: "mobility", from: iasp, to: msaOnly, allowLocalHomeAgent: true }), {}));
  test("kind not matching the from provider's roles", () =>
    assert.match(agreementFieldErrors({ ...base, kind: "mobility", from: asp, to: msaOnly }).fromProviderId ?? "", /Airport does not hold the MSP role/));
  test("kind not matching the to provider's roles", () =>
    assert.match(agreementFieldErrors({ ...base, kind: "network-access", from: asp, to: msaOnly }).toProviderId ?? "", /Enterprise does not hold the ASA role/));
  test("with itself", () =>
    assert.match(agreementFieldErrors({ ...base, kind: "mobility", from: iasp, to: iasp }).toProviderId ?? "", /two different providers/));
  test("validUntil before validFrom", () =>
    assert.match(agreementFieldErrors({ ...base, kind: "mobility", from: iasp, to: msaOnly, validUntil: t("01") }).validUntil ?? "", /must be after its start/));
  test("local HA on a network-access agreement", () =>
    assert.ok(agreementFieldErrors({ ...base, kind: "network-access", from: asp, to: iasp, allowLocalHomeAgent: true }).allowLocalHomeAgent));
});

describe("windows and overlap", () => {
  test("touching half-open windows do not overlap", () =>
    assert.equal(windowsOverlap({ validFrom: t("01"), validUntil: t("10") }, { validFrom: t("10"), validUntil: null }), false));
  test("open-ended overlaps anything later", () =>
    assert.equal(windowsOverlap({ validFrom: t("01"), validUntil: null }, { validFrom: t("20"), validUntil: t("21") }), true));
  const existing = [
    { id: "x", kind: "mobility", fromProviderId: "c", toProviderId: "e", status: "active", validFrom: t("01"), validUntil: t("15") },
    { id: "y", kind: "mobility", fromProviderId: "c", toProviderId: "e", status: "terminated", validFrom: t("15"), validUntil: null },
  ];
  test("same pair and kind, overlapping → found", () =>
    assert.equal(findOverlap({ kind: "mobility", fromProviderId: "c", toProviderId: "e", validFrom: t("10"), validUntil: null }, existing)?.id, "x"));
  test("terminated agreements do not block", () =>
    assert.equal(findOverlap({ kind: "mobility", fromProviderId: "c", toProviderId: "e", validFrom: t("15"), validUntil: null }, existing), null));
  test("other kind does not block", () =>
    assert.equal(findOverlap({ kind: "network-access", fromProviderId: "c", toProviderId: "e", validFrom: t("10"), validUntil: null }, existing), null));
  test("an agreement does not overlap itself on update", () =>
    assert.equal(findOverlap({ kind: "mobility", fromProviderId: "c", toProviderId: "e", validFrom: t("02"), validUntil: t("03") }, existing, "x"), null));
});

describe("status lifecycle", () => {
  const rows: [string, string, boolean][] = [
    ["draft", "active", true], ["draft", "suspended", false], ["active", "suspended", true], ["suspended", "active", true],
    ["active", "draft", false], ["draft", "terminated", true], ["suspended", "terminated", true], ["active", "terminated", true],
    ["terminated", "active", false], ["terminated", "draft", false], ["active", "active", true],
  ];
  for (const [from, to, ok] of rows) test(`${from} → ${to}: ${ok ? "allowed" : "refused"}`, () => assert.equal(canTransition(from, to), ok));
  test("state labels", () => {
    const now = t("10");
    assert.equal(agreementState({ status: "active", validFrom: t("01"), validUntil: null }, now), "in force");
    assert.equal(agreementState({ status: "active", validFrom: t("11"), validUntil: null }, now), "not yet valid");
    assert.equal(agreementState({ status: "active", validFrom: t("01"), validUntil: t("10") }, now), "expired");
    assert.equal(agreementState({ status: "suspended", validFrom: t("01"), validUntil: null }, now), "suspended");
  });
});
