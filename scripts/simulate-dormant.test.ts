import { test } from "node:test";
import assert from "node:assert/strict";
import { dormantCount, parseDormant, pickDormant } from "./simulate-dormant";

test("--dormant takes a percentage, a fraction or a number of MNs", () => {
  assert.deepEqual(parseDormant("20%"), { kind: "percent", value: 20 });
  assert.deepEqual(parseDormant("12.5%"), { kind: "percent", value: 12.5 });
  assert.deepEqual(parseDormant("0.2"), { kind: "fraction", value: 0.2 });
  assert.deepEqual(parseDormant(".25"), { kind: "fraction", value: 0.25 });
  assert.deepEqual(parseDormant("1.0"), { kind: "fraction", value: 1 });
  assert.deepEqual(parseDormant("0"), { kind: "count", value: 0 });
  assert.deepEqual(parseDormant("12"), { kind: "count", value: 12 });
});

test("--dormant refuses anything else with a message that says what it takes", () => {
  for (const bad of ["", "abc", "-5", "150%", "1.5", "20 %x", "%", "0x10", "1e3", "-0.2"]) {
    const r = parseDormant(bad);
    assert.equal(typeof r, "string", bad);
    assert.match(r as string, /--dormant/, bad);
  }
  assert.match(parseDormant("150%") as string, /at most 100%/);
});

test("the share becomes a number of MNs; a count above the list is refused", () => {
  assert.equal(dormantCount({ kind: "percent", value: 20 }, 268), 54);
  assert.equal(dormantCount({ kind: "fraction", value: 0.5 }, 7), 4);
  assert.equal(dormantCount({ kind: "count", value: 3 }, 268), 3);
  assert.equal(dormantCount({ kind: "percent", value: 100 }, 268), 268);
  assert.match(dormantCount({ kind: "count", value: 300 }, 268) as string, /more than the 268 MNs/);
});

test("the dormant MNs are the same for the same seed, whatever the list's order, and differ with another seed", () => {
  const nais = Array.from({ length: 50 }, (_, i) => `mn${i}@x.example`);
  const a = pickDormant(nais, 10, 7);
  const b = pickDormant([...nais].reverse().concat(nais.slice(0, 5)), 10, 7);
  assert.equal(a.size, 10);
  assert.deepEqual([...a].sort(), [...b].sort());
  assert.notDeepEqual([...pickDormant(nais, 10, 8)].sort(), [...a].sort());
  assert.equal(pickDormant(nais, 0, 7).size, 0);
  assert.equal(pickDormant(nais, 50, 7).size, 50);
});
