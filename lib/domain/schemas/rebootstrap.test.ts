import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { FlaggedListQuerySchema, RebootstrapFilterSchema, RebootstrapIdsSchema, StalenessPolicySchema } from "./rebootstrap";

describe("RebootstrapIdsSchema", () => {
  test("takes 1 to 1000 ids, trimmed", () => {
    assert.deepEqual(RebootstrapIdsSchema.parse({ subscriberIds: [" a ", "b"] }).subscriberIds, ["a", "b"]);
    assert.equal(RebootstrapIdsSchema.safeParse({ subscriberIds: Array.from({ length: 1000 }, (_, i) => `s${i}`) }).success, true);
  });
  const refused: [string, unknown, RegExp][] = [
    ["an empty selection", { subscriberIds: [] }, /at least one/],
    ["1001 ids", { subscriberIds: Array.from({ length: 1001 }, (_, i) => `s${i}`) }, /at most 1000/],
    ["not a list", { subscriberIds: "abc" }, /list of subscriber ids/],
    ["a blank id", { subscriberIds: ["  "] }, /Choose a subscriber/],
  ];
  for (const [name, input, message] of refused) {
    test(`refuses ${name}`, () => {
      const r = RebootstrapIdsSchema.safeParse(input);
      assert.equal(r.success, false);
      assert.match(r.error!.issues[0].message, message);
    });
  }
});

describe("RebootstrapFilterSchema", () => {
  test("blank filters are absent; a bad status is refused", () => {
    const { filter } = RebootstrapFilterSchema.parse({ filter: { msaProviderId: "", status: "active" } });
    assert.equal(filter.msaProviderId, undefined);
    assert.equal(filter.status, "active");
    assert.equal(RebootstrapFilterSchema.safeParse({ filter: { status: "gone" } }).success, false);
    assert.equal(RebootstrapFilterSchema.safeParse({ filter: "all" }).success, false);
  });
});

describe("StalenessPolicySchema", () => {
  const cases: [unknown, number | null][] = [
    [0, 0],
    ["0", 0],
    [60, 60],
    ["86400", 86400],
    [366 * 86400, 366 * 86400],
    [59, null],
    [-1, null],
    [1.5 * 3600 + 0.5, null],
    [366 * 86400 + 1, null],
    ["soon", null],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${expected ?? "refused"}`, () => {
      const r = StalenessPolicySchema.safeParse({ maxAgeSeconds: input });
      if (expected === null) assert.equal(r.success, false);
      else assert.equal(r.success && r.data.maxAgeSeconds, expected);
    });
  }
});

describe("FlaggedListQuerySchema", () => {
  test("reason is one of the spec's four, blank means any", () => {
    for (const reason of ["admin", "stale", "home-agent", "renumbering"]) assert.equal(FlaggedListQuerySchema.parse({ reason }).reason, reason);
    assert.equal(FlaggedListQuerySchema.parse({ reason: "" }).reason, undefined);
    assert.equal(FlaggedListQuerySchema.safeParse({ reason: "whim" }).success, false);
  });
});
