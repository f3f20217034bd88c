// PostgreSQL cannot store the NUL character (U+0000) in text: a statement carrying one fails as a whole
// ("invalid byte sequence for encoding UTF8: 0x00"), which would surface as a 500. SQLite stores it. So
// that both databases behave alike, every query argument is checked before it is sent, and text with a
// NUL is refused as a validation error (422) naming the field — on reads too (no stored value can match).
import { ValidationError } from "@/lib/errors";

const NUL = "\u0000";

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Array.isArray(v);
}

/** The key under which a string with a NUL sits in Prisma query arguments, or null when there is none. */
export function findNul(value: unknown, key = "value", depth = 0): string | null {
  if (typeof value === "string") return value.includes(NUL) ? key : null;
  if (value === null || typeof value !== "object" || depth > 32 || !isPlain(value)) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const hit = findNul(item, key, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    // Prisma's operators (equals, startsWith, in, …) and clauses (where, data, AND, …) are not fields.
    const field = /^(where|data|create|update|connect|connectOrCreate|AND|OR|NOT|equals|not|in|notIn|lt|lte|gt|gte|contains|startsWith|endsWith|set|some|every|none|is|isNot)$/.test(k) ? key : k;
    const hit = findNul(v, field, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export function refuseNul(args: unknown): void {
  const field = findNul(args);
  if (field) throw new ValidationError({ [field]: "Text must not contain the NUL character (U+0000)." }, "text must not contain the NUL character (U+0000)");
}
