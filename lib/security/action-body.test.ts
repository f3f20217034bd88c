import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readReplyParts, refuseUndecodableAction, replyProblem } from "./action-body";

// The browser's encoder (React's encodeReply from Next's compiled client): what it sends must always pass.
const requireHere = createRequire(__filename);
const flight = requireHere("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply(value: unknown): Promise<string | FormData>;
};

async function asRequest(body: string | FormData | Blob, contentType?: string): Promise<Request> {
  const headers: Record<string, string> = { "next-action": "60".padEnd(42, "a") };
  if (contentType) headers["content-type"] = contentType;
  const r = new Request("http://console.test/dashboard", { method: "POST", body, headers });
  if (!contentType && typeof body === "string") r.headers.set("content-type", "text/plain;charset=UTF-8");
  return r;
}

async function problemOf(body: string | FormData | Blob, contentType?: string): Promise<string | null> {
  const req = await asRequest(body, contentType);
  const parts = await readReplyParts(req.headers.get("content-type") ?? "", req);
  return typeof parts === "string" ? parts : replyProblem(parts);
}

test("what encodeReply makes of real action arguments passes", async () => {
  const form = new FormData();
  form.append("id", "cmx7qbs7q0000un7dwjri5dvc");
  form.append("roles", "MSA");
  form.append("roles", "MSP");
  form.append("file", new File(["nai\nx@y.example\n"], "s.csv", { type: "text/csv" }));
  const cases: unknown[][] = [
    [],
    [null, form],
    ["cmx7qbs7q0000un7dwjri5dvc"],
    ["pi_token", null, form],
    [{ nested: { deeper: [1, { x: "$y" }] } }, "$$dollar", new Date(0), 10n, undefined, NaN, -0, Infinity],
    [new Map([["a", 1]]), new Set(["b"])],
    ["\u0000\u202e💥", "x".repeat(100_000)],
  ];
  for (const [i, args] of cases.entries()) assert.equal(await problemOf(await flight.encodeReply(args)), null, `case #${i}`);
});

test("bodies React cannot decode are named", async () => {
  const text: [string, RegExp][] = [
    ["{not json", /not JSON/],
    ["", /not JSON/],
    ["5", /not an argument list/],
    ['{"a":1}', /not an argument list/],
    ['["$5"]', /part 5 that is not there/],
    ['["$@ff"]', /part 255 that is not there/],
    ['["$h1"]', /server references/],
    ['["$Q1"]', /not there/],
    ['["$i1"]', /not there/],
    ['["$B1"]', /not a file/],
    ['["$A1"]', /typed arrays/],
    ['["$nxyz"]', /BigInt/],
    ['["$Zoo"]', /not a reference/],
    ['["$1:a:b"]', /not there/],
    [`${"[".repeat(20_000)}${"]".repeat(20_000)}`, /nested too deeply/],
  ];
  for (const [body, expected] of text) assert.match((await problemOf(body)) ?? "passed", expected, body.slice(0, 40));
  assert.match((await problemOf(new Blob([new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d])]), "text/plain;charset=UTF-8")) ?? "passed", /not UTF-8/);
  const mp = (parts: [string, string][]) => parts.map(([k, v]) => `--b\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + "--b--\r\n";
  assert.match((await problemOf(mp([["0", "["]]), "multipart/form-data; boundary=b")) ?? "passed", /not JSON/);
  assert.match((await problemOf(mp([["1", "x"]]), "multipart/form-data; boundary=b")) ?? "passed", /no argument list/);
  assert.match((await problemOf(mp([["0", '[null,"$5"]']]), "multipart/form-data; boundary=b")) ?? "passed", /not there/);
  assert.match((await problemOf(mp([["0", '["$1:x"]'], ["1", '{"y":1}']]), "multipart/form-data; boundary=b")) ?? "passed", /leads nowhere/);
  assert.equal(await problemOf(mp([["0", '["$1:y"]'], ["1", '{"y":1}']]), "multipart/form-data; boundary=b"), null);
  assert.match((await problemOf("garbage", "multipart/form-data; boundary=abc")) ?? "passed", /cannot be parsed/);
  assert.match((await problemOf("garbage", "multipart/form-data")) ?? "passed", /cannot be parsed/);
});

test("refuseUndecodableAction: 400 for an undecodable action POST, null for a good one or a non-action request", async () => {
  const bad = await refuseUndecodableAction(await asRequest("{not json"));
  assert.equal(bad?.status, 400);
  assert.match(await bad!.text(), /^Bad request: the argument list is not JSON\.\n$/);
  assert.equal(await refuseUndecodableAction(await asRequest('[null,"$K1"]')), null);
  const plainPost = new Request("http://console.test/signin", { method: "POST", body: "{not json" });
  assert.equal(await refuseUndecodableAction(plainPost), null);
  // The check reads a clone: the body is still there for Next.
  const good = await asRequest('["x"]');
  assert.equal(await refuseUndecodableAction(good), null);
  assert.equal(await good.text(), '["x"]');
});
