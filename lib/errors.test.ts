import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AppError, NotFoundError, ValidationError, isAppError, isNotFound } from "./errors";

test("isAppError recognises an error thrown by another copy of the module (Next bundles one per layer)", async () => {
  // A copy of the file elsewhere is a second, separate module instance: its classes are distinct.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mip6-errors-")), "errors.ts");
  fs.copyFileSync(fileURLToPath(new URL("./errors.ts", import.meta.url)), file);
  const copy = (await import(pathToFileURL(file).href)) as typeof import("./errors");
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  assert.notEqual(copy.ValidationError, ValidationError, "really another copy");
  const foreign = new copy.ValidationError({ name: "must not contain a NUL character" });
  assert.equal(foreign instanceof AppError, false);
  assert.equal(isAppError(foreign), true);
  assert.equal(foreign.status, 422);
  assert.equal(isNotFound(new copy.NotFoundError("subscriber")), true);
  assert.equal(isNotFound(new NotFoundError("subscriber")), true);
  assert.equal(isNotFound(new ValidationError({})), false);
});

test("isAppError refuses look-alikes: plain errors, objects with a status, strings", () => {
  assert.equal(isAppError(new Error("x")), false);
  assert.equal(isAppError({ status: 404, code: "not_found", message: "x" }), false);
  assert.equal(isAppError("not_found"), false);
  assert.equal(isAppError(null), false);
  assert.equal(isAppError(undefined), false);
});
