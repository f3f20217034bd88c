import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { requestMacString, responseMacString, statusMacString, statusResponseMacString, computeMac, verifyMac } from "./canonical";
import { deriveAuthKey } from "@/lib/domain/keys";

const K = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const nai = "alice@msp.example";
const kAuth = deriveAuthKey(K, nai);
const nonce = "AAECAwQFBgcICQoLDA0ODw";

// MAC values computed independently with Python's hmac from the spec's line lists.
describe("canonical strings and MACs of spec/bootstrap-v1.md", () => {
  test("request", () => {
    const s = requestMacString({
      nai, servingRealm: "hotspot.example", timestamp: "2026-12-03T12:00:00.000Z", nonce, homeAddressMode: "dynamic", trigger: "boot",
    });
    assert.equal(s, `MIP6-BOOTSTRAP-V1-REQUEST\n${nai}\nhotspot.example\n2026-12-03T12:00:00.000Z\n${nonce}\ndynamic\nboot`);
    assert.equal(computeMac(kAuth, s), "hgXFIaJdpQzybtuog9xDuFFJoW8otVSXZ1_PithhJ8w");
    assert.equal(verifyMac(kAuth, s, "hgXFIaJdpQzybtuog9xDuFFJoW8otVSXZ1_PithhJ8w"), true);
    assert.equal(verifyMac(kAuth, s, "hgXFIaJdpQzybtuog9xDuFFJoW8otVSXZ1_PithhJ8x"), false);
    assert.equal(verifyMac(kAuth, s, "not base64url!"), false);
    assert.equal(verifyMac(kAuth, `${s}\n`, "hgXFIaJdpQzybtuog9xDuFFJoW8otVSXZ1_PithhJ8w"), false);
  });
  test("response", () => {
    const s = responseMacString(nonce, {
      sessionId: "6f1c1f0e-8a4b-4f5e-9a43-2f1d6f7b9a10",
      scenario: "split",
      homeAgent: { address: "2001:db8:1::1", fqdn: "ha1.msp.example" },
      homeAddress: "2001:db8:1:0:8f3a:2c41:9e07:5b12",
      homePrefix: "2001:db8:1::/64",
      ike: { keyName: "wNohUaRFEE2hLz2W7AnWlg", lifetimeSeconds: 86400 },
      expiresAt: "2026-12-04T12:00:00.000Z",
    });
    assert.equal(
      s,
      [
        "MIP6-BOOTSTRAP-V1-RESPONSE", nonce, "6f1c1f0e-8a4b-4f5e-9a43-2f1d6f7b9a10", "split", "2001:db8:1::1", "ha1.msp.example",
        "2001:db8:1:0:8f3a:2c41:9e07:5b12", "2001:db8:1::/64", "wNohUaRFEE2hLz2W7AnWlg", "86400", "2026-12-04T12:00:00.000Z",
      ].join("\n"),
    );
    assert.equal(computeMac(kAuth, s), "9B9fmljnI61QyeU4RFFMX7mzE_u95CFLAcnYEiq8YwY");
  });
  test("status request and responses", () => {
    const s = statusMacString({ nai, timestamp: "2026-12-03T12:00:00.000Z", nonce });
    assert.equal(computeMac(kAuth, s), "2bhCtFWiOJme8hrzYB7RAHTszvvxOhcoOCRQpR3w6D4");
    const yes = statusResponseMacString(nonce, { rebootstrapRequired: true, reason: "renumbering" });
    assert.equal(yes, `MIP6-BOOTSTRAP-V1-STATUS-RESPONSE\n${nonce}\ntrue\nrenumbering`);
    assert.equal(computeMac(kAuth, yes), "mr9ykRIdE-zQJEQJCnY7wBjIYCLudQjlgQEG-lBxSk0");
    const no = statusResponseMacString(nonce, { rebootstrapRequired: false, reason: null });
    assert.equal(no, `MIP6-BOOTSTRAP-V1-STATUS-RESPONSE\n${nonce}\nfalse\n`);
    assert.equal(computeMac(kAuth, no), "SXQd1XbHNDmf7hyPQKGmDnNHxPE1_9Nh5H9faEI401k");
  });
});
