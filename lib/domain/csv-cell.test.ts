import { test } from "node:test";
import assert from "node:assert/strict";
import { csvCell } from "./csv-cell";

test("csvCell quotes only what needs it", () => {
  assert.equal(csvCell("a@b.example"), "a@b.example");
  assert.equal(csvCell('a,"b"@c.example'), '"a,""b""@c.example"');
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(42), "42");
});

test("csvCell defuses spreadsheet formulas in every export (audit, dormant MNs, generated secrets)", () => {
  assert.equal(csvCell("=cmd|calc!A0z@corp.example"), "'=cmd|calc!A0z@corp.example");
  assert.equal(csvCell("=3+5@corp.example"), "'=3+5@corp.example");
  assert.equal(csvCell("+1@x.example"), "'+1@x.example");
  assert.equal(csvCell("-2@x.example"), "'-2@x.example");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("\tx"), "'\tx");
  assert.equal(csvCell('=HYPERLINK("http://evil.example","x")'), `"'=HYPERLINK(""http://evil.example"",""x"")"`);
  assert.equal(csvCell("a=b@x.example"), "a=b@x.example", "only a leading character counts");
});
