import { test } from "node:test";
import assert from "node:assert/strict";
import { parseArgs } from "node:util";
import { joinOptionValues } from "./args";

const options = { secret: { type: "string" }, nai: { type: "string" }, verbose: { type: "boolean" } } as const;
const parse = (args: string[]) => ({ ...parseArgs({ args: joinOptionValues(args, ["secret", "nai"]), options, strict: true }).values });

test("a value starting with '-' stays a value", () => {
  assert.deepEqual(parse(["--secret", "-q3vA_x", "--nai", "-bob@example.com"]), { secret: "-q3vA_x", nai: "-bob@example.com" });
});
test("--opt=value and booleans are left alone", () => {
  assert.deepEqual(parse(["--secret=--x", "--verbose", "--nai", "a@b.c"]), { secret: "--x", verbose: true, nai: "a@b.c" });
});
test("a value option at the end without a value still fails in parseArgs", () => {
  assert.throws(() => parse(["--secret"]));
});
