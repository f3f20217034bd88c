import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIsCurrent, recordBuildHash, sourceHash } from "./start-build";

let root: string;

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "mip6-start-build-"));
  write("app/page.tsx", "export default function Page() { return null; }\n");
  write("lib/domain/rule.ts", "export const x = 1;\n");
  write("package-lock.json", "{}\n");
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true }, include: ["**/*.ts"] }));
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

test("the hash changes when a source file or the lockfile changes", () => {
  const h0 = sourceHash(root);
  write("lib/domain/rule.ts", "export const x = 2;\n");
  const h1 = sourceHash(root);
  assert.notEqual(h1, h0);
  write("package-lock.json", '{"lockfileVersion":3}\n');
  assert.notEqual(sourceHash(root), h1);
});

test("tests, the generated client and tsconfig's include list do not trigger a rebuild", () => {
  const h = sourceHash(root);
  write("lib/domain/rule.test.ts", "// a test\n");
  write("lib/generated/prisma/client.ts", "// generated\n");
  // `next build` appends its own dist dirs to "include"; only compilerOptions shape the bundle.
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true }, include: ["**/*.ts", ".next-x/types/**/*.ts"] }));
  assert.equal(sourceHash(root), h);
  write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: false }, include: ["**/*.ts"] }));
  assert.notEqual(sourceHash(root), h);
});

test("a build is current only with its BUILD_ID and the same recorded hash", () => {
  const dist = ".next-test";
  const h = sourceHash(root);
  assert.equal(buildIsCurrent(root, dist, h), false);
  fs.mkdirSync(path.join(root, dist), { recursive: true });
  fs.writeFileSync(path.join(root, dist, "BUILD_ID"), "abc");
  assert.equal(buildIsCurrent(root, dist, h), false, "no hash recorded yet");
  recordBuildHash(root, dist, h);
  assert.equal(buildIsCurrent(root, dist, h), true);
  assert.equal(buildIsCurrent(root, dist, "0".repeat(64)), false);
  fs.rmSync(path.join(root, dist, "BUILD_ID"));
  assert.equal(buildIsCurrent(root, dist, h), false, "an interrupted build has no BUILD_ID");
});
