import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  hkdfSha256, deriveAuthKey, deriveNetworkAccessKey, derivePsk, keyName, macEquals, decodeBase64Url, encodeBase64Url,
} from "./keys";

const hex = (s: string) => Buffer.from(s, "hex");
const range = (from: number, to: number) => Buffer.from(Array.from({ length: to - from }, (_, i) => from + i));

describe("HKDF-SHA256: RFC 5869 Appendix A", () => {
  test("test case 1", () => {
    const okm = hkdfSha256(Buffer.alloc(22, 0x0b), range(0x00, 0x0d), range(0xf0, 0xfa), 42);
    assert.equal(okm.toString("hex"), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  });
  test("test case 2 (long inputs)", () => {
    const okm = hkdfSha256(range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82);
    assert.equal(
      okm.toString("hex"),
      "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
    );
  });
  test("test case 3 (empty salt and info)", () => {
    const okm = hkdfSha256(Buffer.alloc(22, 0x0b), Buffer.alloc(0), Buffer.alloc(0), 42);
    assert.equal(okm.toString("hex"), "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  });
  test("PROTOCOLS.md §6 vector (0x00-joined info)", () => {
    const ikm = hex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    const info = Buffer.from("mip6/ikev2-psk/v1\0alice@mip.example.net\0ha1.mip.example.net\x001", "utf8");
    assert.equal(hkdfSha256(ikm, "mip6-console-v1", info, 32).toString("hex"), "e779cc200d875d0723474db7bb713d0cea9fc2dcae6a558eacab496e08a09856");
  });
});

// Expected values computed independently with Python's hmac/hashlib from the spec's table.
describe("spec keys", () => {
  const K = range(0, 32);
  const nai = "alice@msp.example";
  test("K_auth", () => {
    assert.equal(deriveAuthKey(K, nai).toString("hex"), "75a3a6c5eac754e8988f5e0102425b89e8f933eabdc14833a904e143fe2ba5c3");
  });
  test("K_na differs from K_auth", () => {
    assert.equal(deriveNetworkAccessKey(K, nai).toString("hex"), "c503d6e8cacb3d10b14a7075dd978f635b4ed98abdc7effa5a0d15c1d71945a9");
  });
  test("PSK and its keyName", () => {
    const psk = derivePsk(K, "6f1c1f0e-8a4b-4f5e-9a43-2f1d6f7b9a10", nai, "2001:db8:1::1");
    assert.equal(psk.toString("hex"), "ff4685df5c46c30118767fd4820c5a9295261898335adfa1b81eacfad0140674");
    assert.equal(keyName(psk), "wNohUaRFEE2hLz2W7AnWlg");
  });
  test("keyName of K_auth", () => {
    assert.equal(keyName(deriveAuthKey(K, nai)), "IHBxxMBFOfAOw64loA59Rg");
  });
});

describe("macEquals", () => {
  test("equal, different, different length", () => {
    const a = hex("00112233");
    assert.equal(macEquals(a, hex("00112233")), true);
    assert.equal(macEquals(a, hex("00112234")), false);
    assert.equal(macEquals(a, hex("001122")), false);
    assert.equal(macEquals(a, Buffer.alloc(0)), false);
  });
});

describe("base64url", () => {
  test("round trip without padding", () => {
    assert.equal(encodeBase64Url(range(0, 16)), "AAECAwQFBgcICQoLDA0ODw");
    assert.deepEqual(decodeBase64Url("AAECAwQFBgcICQoLDA0ODw"), range(0, 16));
  });
  test("refuses padding, standard alphabet, bad length and non-canonical trailing bits", () => {
    for (const bad of ["AAECAwQFBgcICQoLDA0ODw==", "ab+/", "abcde", "AAECAwQFBgcICQoLDA0ODx", "a b"]) {
      assert.equal(decodeBase64Url(bad), null, bad);
    }
  });
});
