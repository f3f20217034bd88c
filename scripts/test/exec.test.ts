import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { freePort, parseTapCounts } from "./exec";

// What node's TAP reporter prints at the end of a run with nested suites.
const TAP = `TAP version 13
# Subtest: outer
    # Subtest: inner
    ok 1 - inner
    # pass 99
    1..1
ok 1 - outer
# Subtest: broken
not ok 2 - broken
1..2
# tests 3
# suites 1
# pass 2
# fail 1
# cancelled 0
# skipped 0
# todo 0
# duration_ms 12.5
`;

test("parseTapCounts reads the run's closing summary, not an indented or earlier line", () => {
  assert.deepEqual(parseTapCounts(TAP), { passed: 2, failed: 1 });
});

test("parseTapCounts counts cancelled tests (a timeout, a crashed file) as failed", () => {
  assert.deepEqual(parseTapCounts(TAP.replace("# cancelled 0", "# cancelled 2")), { passed: 2, failed: 3 });
});

test("parseTapCounts returns null when there is no summary (the runner never finished)", () => {
  assert.equal(parseTapCounts("TAP version 13\n# Subtest: x\n"), null);
  assert.equal(parseTapCounts(""), null);
});

test("freePort gives a port that can be listened on", async () => {
  const port = await freePort();
  assert.ok(port > 0 && port < 65536);
  const srv = net.createServer();
  await new Promise<void>((resolve, reject) => srv.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  await new Promise<void>((resolve) => srv.close(() => resolve()));
});
