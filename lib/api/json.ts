import { MalformedJsonError, PayloadTooLargeError } from "./errors";

export const MAX_JSON_BYTES = 1024 * 1024;

/** The body as text, refusing (413) once it passes `limit` bytes, whatever Content-Length claims. */
export async function readText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request body as parsed JSON; 400 `malformed_json` when it is empty or not JSON, 413 when huge. */
export async function readJson(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readText(request, limit);
  if (text.trim() === "") throw new MalformedJsonError("the request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedJsonError();
  }
}

/** Query string → plain object (first value of each name), for the list schemas. */
export function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in out)) out[k] = v;
  return out;
}

export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** 201 with the new object and where to find it. */
export function created(data: { id: string }, collectionPath: string, extra: Record<string, unknown> = {}): Response {
  return json({ ...data, ...extra }, 201, { Location: `${collectionPath}/${data.id}` });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
