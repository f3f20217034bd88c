import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { defaultConsoleUrl } from "./default-url";

const saved = { MN_URL: process.env.MN_URL, PORT: process.env.PORT };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

test("follows PORT like npm start does", () => {
  delete process.env.MN_URL;
  process.env.PORT = "3300";
  assert.equal(defaultConsoleUrl(), "http://localhost:3300");
});
test("MN_URL wins; 3000 without either", () => {
  process.env.MN_URL = "http://console.example:8080";
  assert.equal(defaultConsoleUrl(), "http://console.example:8080");
  delete process.env.MN_URL;
  delete process.env.PORT;
  assert.equal(defaultConsoleUrl(), "http://localhost:3000");
});
