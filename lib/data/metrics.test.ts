import { test } from "node:test";
import assert from "node:assert/strict";
import { bucketsFor, parseMetricRange, summarize } from "./metrics";

test("24h: 24 hourly UTC buckets ending with the current hour", () => {
  const now = new Date("2026-12-03T12:34:56.789Z");
  const b = bucketsFor("24h", now);
  assert.equal(b.length, 24);
  assert.equal(b[23].start.toISOString(), "2026-12-03T12:00:00.000Z");
  assert.equal(b[23].end.toISOString(), "2026-12-03T13:00:00.000Z");
  assert.equal(b[0].start.toISOString(), "2026-12-02T13:00:00.000Z");
  assert.equal(b[0].label, "13:00");
  assert.equal(b[23].label, "12:00");
  for (let i = 1; i < b.length; i++) assert.equal(b[i].start.getTime(), b[i - 1].end.getTime(), "contiguous, no gap or overlap");
});

test("7d and 30d: daily UTC buckets labelled by date", () => {
  const now = new Date("2026-12-03T00:00:00.000Z");
  const w = bucketsFor("7d", now);
  assert.equal(w.length, 7);
  assert.equal(w[6].start.toISOString(), "2026-12-03T00:00:00.000Z");
  assert.equal(w[0].start.toISOString(), "2026-11-27T00:00:00.000Z");
  assert.deepEqual(w.map((x) => x.label), ["Nov 27", "Nov 28", "Nov 29", "Nov 30", "Dec 1", "Dec 2", "Dec 3"]);
  assert.equal(bucketsFor("30d", now).length, 30);
});

test("unknown ranges fall back to 24h", () => {
  assert.equal(parseMetricRange("7d"), "7d");
  assert.equal(parseMetricRange("1y"), "24h");
  assert.equal(parseMetricRange(undefined), "24h");
});

test("summary: success rate over all outcomes, null when there were none", () => {
  assert.deepEqual(summarize([{ outcome: "success", count: 3 }, { outcome: "replay_detected", count: 1 }], 10), {
    subscribers: 10, sessions: 4, successes: 3, successRate: 0.75,
  });
  assert.deepEqual(summarize([], 0), { subscribers: 0, sessions: 0, successes: 0, successRate: null });
});
