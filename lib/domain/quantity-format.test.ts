import { test } from "node:test";
import assert from "node:assert/strict";
import { formatCount, formatShare } from "./quantity-format";

test("counts below 10^7 are exact, with digit grouping", () => {
  assert.equal(formatCount(0), "0");
  assert.equal(formatCount(33), "33");
  assert.equal(formatCount("9999999"), "9,999,999");
});

test("a /64's usable addresses (2^64 minus the reserved IIDs) read ≈ 2^64, as the API's exact value says", () => {
  assert.equal(formatCount("18446744073692774271"), "≈ 2^64");
  assert.equal(formatCount(2n ** 64n), "2^64");
  assert.equal(formatCount(2n ** 35n), "2^35");
  assert.equal(formatCount(2n ** 63n + 1n), "≈ 2^63");
  // just under 2^24 and just over it
  assert.equal(formatCount(2n ** 24n - 100n), "≈ 2^24");
  assert.equal(formatCount(2n ** 24n + 100n), "≈ 2^24");
});

test("counts far from a power of two are scientific, three significant digits", () => {
  assert.equal(formatCount(12_345_678), "≈ 1.23 × 10^7");
  assert.equal(formatCount(3n * 10n ** 18n), "≈ 3.00 × 10^18");
  assert.equal(formatCount(99_960_000), "≈ 1.00 × 10^8");
  assert.equal(formatCount(10_000_000), "≈ 1.00 × 10^7");
});

test("shares: zero, tiny but non-zero, rounded down, full", () => {
  assert.equal(formatShare(0n, 2n ** 64n), "0 %");
  assert.equal(formatShare(33n, 18446744073692774271n), "< 0.01 %");
  assert.equal(formatShare(1n, 10000n), "0.01 %");
  assert.equal(formatShare(1234n, 10000n), "12.34 %");
  assert.equal(formatShare(9999n, 10000n), "99.99 %");
  assert.equal(formatShare(99999n, 100000n), "99.99 %");
  assert.equal(formatShare(5n, 5n), "100 %");
  assert.equal(formatShare(1n, 0n), "100 %");
});
