import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_IMPORT_ROWS, parseImportCsv } from "./subscriber-csv";

test("header line is line 1; empty cells are absent; blank lines are skipped", () => {
  const r = parseImportCsv("nai,msaProviderId,status\n\na@x.example,p1,\nb@x.example,p1,active\n");
  assert.ok(r.ok);
  assert.deepEqual(r.rows, [
    { line: 2, values: { nai: "a@x.example", msaProviderId: "p1" } },
    { line: 3, values: { nai: "b@x.example", msaProviderId: "p1", status: "active" } },
  ]);
});

test("BOM, CRLF, quoted commas, doubled quotes and a line break inside quotes", () => {
  const r = parseImportCsv('\ufeff"nai",msaProviderId\r\n"a,b@x.example","p""1"\r\n"c\nd@x.example",p2\r\n');
  assert.ok(r.ok);
  assert.deepEqual(r.rows.map((x) => x.values), [{ nai: "a,b@x.example", msaProviderId: 'p"1' }, { nai: "c\nd@x.example", msaProviderId: "p2" }]);
  assert.deepEqual(r.rows.map((x) => x.line), [2, 3]);
});

test("unknown, repeated and missing nai columns are refused, naming the column", () => {
  const unknown = parseImportCsv("nai,colour\nx@y.example,red\n");
  assert.equal(unknown.ok, false);
  if (!unknown.ok) assert.deepEqual(Object.keys(unknown.fields), ["colour"]);
  const twice = parseImportCsv("nai,nai\n");
  assert.equal(twice.ok, false);
  const noNai = parseImportCsv("msaProviderId\np1\n");
  assert.equal(noNai.ok, false);
  if (!noNai.ok) assert.ok(noNai.fields.nai);
  assert.equal(parseImportCsv("").ok, false);
  assert.equal(parseImportCsv('nai\n"unterminated\n').ok, false);
});

test("a repeated NAI (same after realm normalisation) points at its first line; extra cells are marked", () => {
  const r = parseImportCsv("nai\na@X.Example\nb@x.example\na@x.example,extra\n");
  assert.ok(r.ok);
  assert.equal(r.rows[0].duplicateOf, undefined);
  assert.equal(r.rows[2].duplicateOf, 2);
  assert.equal(r.rows[2].values._extra, "1");
});

test("more than the row limit is refused", () => {
  const r = parseImportCsv("nai\n" + "x@y.example\n".repeat(MAX_IMPORT_ROWS + 1));
  assert.equal(r.ok, false);
});
