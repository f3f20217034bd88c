// How the console shows very large counts (a /64 holds ~2^64 addresses) and tiny shares of them, from
// exact bigint values: a number that is printed must agree with the exact one the API returns.

const EXACT_BELOW = 10_000_000n;

/** Bit length of a positive bigint: 2^(n-1) ≤ value < 2^n. */
function bitLength(value: bigint): number {
  return value.toString(2).length;
}

/**
 * A count for people: exact with digit grouping below 10^7; an exact power of two as "2^k"; within 1 %
 * of a power of two as "≈ 2^k" (the nearest one, so 2^64 − 16777345 is "≈ 2^64", not "2^63"); anything
 * else in scientific notation with three significant digits ("≈ 1.23 × 10^9").
 */
export function formatCount(value: bigint | number | string): string {
  const n = BigInt(value);
  if (n < EXACT_BELOW) return n.toLocaleString("en-US");
  const below = bitLength(n) - 1; // 2^below ≤ n < 2^(below+1)
  for (const k of [below, below + 1]) {
    const p = 1n << BigInt(k);
    if (n === p) return `2^${k}`;
    const diff = n > p ? n - p : p - n;
    if (diff * 100n <= p) return `≈ 2^${k}`;
  }
  const digits = n.toString();
  const exponent = digits.length - 1;
  // Round to three significant digits (half up), carrying into the exponent when it overflows (9995… → 1.00 × 10^(e+1)).
  let mantissa = Number(digits.slice(0, 3)) + (Number(digits[3]) >= 5 ? 1 : 0);
  let e = exponent;
  if (mantissa >= 1000) {
    mantissa /= 10;
    e += 1;
  }
  return `≈ ${(mantissa / 100).toFixed(2)} × 10^${e}`;
}

/**
 * used / total as a percentage with two decimals, rounded down so a nearly full range never reads 100 %;
 * a non-zero share under 0.01 % reads "< 0.01 %" (never "0 %" or "0.01 %", which would both be wrong).
 */
export function formatShare(used: bigint, total: bigint): string {
  if (used <= 0n) return "0 %";
  if (total <= 0n || used >= total) return "100 %";
  const hundredths = (used * 10000n) / total; // of a percent
  if (hundredths === 0n) return "< 0.01 %";
  const whole = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, "0");
  return `${whole}.${frac} %`;
}
