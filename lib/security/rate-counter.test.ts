import { test } from "node:test";
import assert from "node:assert/strict";
import { rateWindow } from "./rate-counter";

test("rateWindow: the minute a time falls in, and the seconds until the next one (never 0)", () => {
  assert.deepEqual(rateWindow(new Date("2026-12-03T10:15:00.000Z")), { start: new Date("2026-12-03T10:15:00.000Z"), retryAfterSeconds: 60 });
  assert.deepEqual(rateWindow(new Date("2026-12-03T10:15:30.200Z")), { start: new Date("2026-12-03T10:15:00.000Z"), retryAfterSeconds: 30 });
  assert.deepEqual(rateWindow(new Date("2026-12-03T10:15:59.999Z")), { start: new Date("2026-12-03T10:15:00.000Z"), retryAfterSeconds: 1 });
});
