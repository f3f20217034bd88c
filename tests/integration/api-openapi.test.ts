// The OpenAPI document describes every route and method that exists under app/api/v1, and every
// $ref in it resolves.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const root = path.join(process.cwd(), "app", "api", "v1");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === "route.ts" ? [p] : [];
  });
}

function apiPath(file: string): string {
  const rel = path.relative(root, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
  return ["/api/v1", ...rel].filter(Boolean).join("/");
}

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

test("GET /api/v1/openapi.json answers an OpenAPI 3.1 document without a token", async () => {
  const route = await import("@/app/api/v1/openapi.json/route");
  const res = route.GET();
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.openapi, "3.1.0");
  assert.ok(doc.info.title);
});

test("every route module and each method it exports is in the document, and nothing else", async () => {
  const { openApiDocument } = await import("@/lib/api/openapi");
  const doc = openApiDocument() as { paths: Record<string, Record<string, { responses?: object }>> };
  const files = routeFiles(root);
  assert.ok(files.length >= 13);
  const described = new Set<string>();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of Object.keys(item)) if (METHODS.includes(m.toUpperCase())) described.add(`${m.toUpperCase()} ${p}`);
  }
  const exported = new Set<string>();
  for (const file of files) {
    if (file.includes("[...path]")) continue; // the JSON 404 for unknown endpoints
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of METHODS) if (typeof mod[m] === "function") exported.add(`${m} ${apiPath(file)}`);
  }
  assert.deepEqual([...exported].sort(), [...described].sort());
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) if (METHODS.includes(m.toUpperCase())) assert.ok(op.responses, `${m} ${p} has responses`);
  }
});

test("an unknown endpoint answers 404 in the error shape", async () => {
  const route = await import("@/app/api/v1/[...path]/route");
  const res = route.GET(new Request("http://console.test/api/v1/nope"));
  assert.equal(res.status, 404);
  assert.deepEqual(Object.keys(await res.json()).sort(), ["error", "message"]);
});

test("every $ref resolves and request bodies come from the zod input schemas", async () => {
  const { openApiDocument } = await import("@/lib/api/openapi");
  const doc = openApiDocument() as { components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } };
  for (const ref of refsOf(doc)) {
    const name = ref.replace("#/components/schemas/", "");
    assert.ok(doc.components.schemas[name], `${ref} resolves`);
  }
  const create = doc.components.schemas.SubscriberCreate;
  assert.deepEqual(create.required?.sort(), ["msaProviderId", "nai"]);
  assert.deepEqual((create.properties?.homeAddressPolicy as { enum: string[] }).enum, ["static", "dynamic", "privacy"]);
  assert.equal((doc.components.schemas.HomeAgentCreate.properties?.capacity as { type: string }).type, "integer");
});
