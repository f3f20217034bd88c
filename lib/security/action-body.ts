// Server-action request bodies that React cannot decode get a clean 400 from proxy.ts instead of Next's 500.
//
// A fetch action carries its arguments in React's reply format (encodeReply in the browser, decodeReply in
// Next's action handler): a JSON argument list, alone as the body or as part "0" of a multipart body whose
// other parts hold outlined values ("$1", "$@2", …), FormData entries ("$K1" → parts "_1_name") and blobs.
// Next decodes it before any of our code runs and answers every decoding error — not JSON, not UTF-8, a
// broken multipart body, a reference to a part that is not there ("Connection closed."), a bad BigInt, a
// server reference to an unknown action, nesting deep enough to overflow the stack — with HTTP 500.
//
// This module checks the body the way decodeReply will read it (the tags of parseModelString in
// react-server-dom-webpack's ReplyServer) and names the first problem; proxy.ts answers it with 400. It is
// a structural check only: what the values mean is for the action (app/(console)/action-guard.ts) and the
// services. Accepted without question: plain JSON, "$$" escapes, FormData references, undefined/NaN/
// ±Infinity/-0/dates, temporary references, streams and iterables. Refused: server references passed as
// arguments and typed arrays (no action of ours takes one; React throws on most malformed ones), and
// anything whose target part is missing. e2e/server-actions.spec.ts sends each kind to every action.

const MAX_DEPTH = 64;
/** React's default arraySizeLimit for decodeReply. */
const MAX_ARRAY_SLOTS = 1_000_000;
const TYPED_ARRAY_TAGS = new Set(["A", "O", "o", "U", "S", "s", "L", "l", "G", "g", "M", "m", "V"]);
const PLAIN_TAGS = new Set(["I", "N", "u", "D", "T", "H", "-", "R", "r", "X", "x", "K"]);

export type ReplyParts = Map<string, string | Blob>;

/** The first reason decodeReply would fail on these parts (part "0" is the argument list), or null. */
export function replyProblem(parts: ReplyParts): string | null {
  const root = parts.get("0");
  if (typeof root !== "string") return "the body has no argument list";
  const parsed = new Map<string, unknown>();
  let slots = 0;

  const chunk = (id: string): { value?: unknown; problem?: string } => {
    if (parsed.has(id)) return { value: parsed.get(id) };
    const text = parts.get(id);
    if (typeof text !== "string") return { problem: `it refers to a part ${id} that is not there` };
    try {
      const value: unknown = JSON.parse(text);
      parsed.set(id, value);
      const problem = walk(value, 0);
      return problem ? { problem } : { value };
    } catch {
      return { problem: id === "0" ? "the argument list is not JSON" : `part ${id} is not JSON` };
    }
  };

  /** "$<hex>[:key…]": the part must exist and the keys lead through plain JSON. */
  const outlined = (ref: string): string | null => {
    const [hex, ...path] = ref.split(":");
    if (!/^[0-9a-fA-F]+$/.test(hex)) return `"$${ref.slice(0, 20)}" is not a reference`;
    const target = chunk(String(parseInt(hex, 16)));
    if (target.problem) return target.problem;
    let v = target.value;
    for (const key of path) {
      if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, key)) return `the reference "$${ref.slice(0, 40)}" leads nowhere`;
      v = (v as Record<string, unknown>)[key];
    }
    return null;
  };

  const tagged = (s: string): string | null => {
    const tag = s[1];
    if (tag === undefined) return null; // "$" alone is a plain string
    if (tag === "$") {
      slots += s.length - 1;
      return null;
    }
    if (PLAIN_TAGS.has(tag)) return null;
    const rest = s.slice(2);
    if (tag === "n") return /^-?\d{1,300}$/.test(rest) ? null : "a BigInt argument is not a number of at most 300 digits";
    if (tag === "h") return "server references are not accepted as arguments";
    if (TYPED_ARRAY_TAGS.has(tag)) return "typed arrays are not accepted as arguments";
    if (tag === "B") {
      if (!/^[0-9a-fA-F]+$/.test(rest)) return "a blob reference is malformed";
      return parts.get(String(parseInt(rest, 16))) instanceof Blob ? null : "a blob argument refers to a part that is not a file";
    }
    if (tag === "@" || tag === "Q" || tag === "W" || tag === "i") return outlined(rest);
    return outlined(s.slice(1));
  };

  const walk = (value: unknown, depth: number): string | null => {
    if (depth > MAX_DEPTH) return "the arguments are nested too deeply";
    if (typeof value === "string") return value.startsWith("$") ? tagged(value) : null;
    if (Array.isArray(value)) {
      slots += value.length;
      if (slots > MAX_ARRAY_SLOTS) return "the arguments are too large";
      for (const v of value) {
        const p = walk(v, depth + 1);
        if (p) return p;
      }
      return null;
    }
    if (value !== null && typeof value === "object") {
      for (const v of Object.values(value)) {
        const p = walk(v, depth + 1);
        if (p) return p;
      }
    }
    return null;
  };

  const top = chunk("0");
  if (top.problem) return top.problem;
  if (!Array.isArray(top.value)) return "the body is not an argument list";
  return null;
}

/** The body as decodeReply will see it: multipart parts, or the whole text as part "0". */
export async function readReplyParts(contentType: string, body: Request): Promise<ReplyParts | string> {
  if (/^multipart\/form-data/i.test(contentType)) {
    let form: FormData;
    try {
      form = await body.formData();
    } catch {
      return "the multipart body cannot be parsed";
    }
    const parts: ReplyParts = new Map();
    for (const [name, value] of form.entries()) if (!parts.has(name)) parts.set(name, value);
    return parts;
  }
  try {
    return new Map([["0", new TextDecoder("utf-8", { fatal: true }).decode(await body.arrayBuffer())]]);
  } catch {
    return "the body is not UTF-8 text";
  }
}

/**
 * For proxy.ts: a 400 for a server-action POST (Next-Action header) whose body React cannot decode, else
 * null. Reads a clone, so Next still gets the body.
 */
export async function refuseUndecodableAction(request: Request): Promise<Response | null> {
  if (request.method.toUpperCase() !== "POST" || !request.headers.has("next-action")) return null;
  const parts = await readReplyParts(request.headers.get("content-type") ?? "", request.clone());
  const problem = typeof parts === "string" ? parts : replyProblem(parts);
  if (!problem) return null;
  return new Response(`Bad request: ${problem}.\n`, {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}
