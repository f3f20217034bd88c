// HTTP glue shared by the two bootstrap route files: read the body safely, find the source address,
// turn a handler result into a Response. No protocol rule lives here.
const MAX_BODY_BYTES = 16 * 1024;

/** Parsed JSON, or `undefined` when the body is not JSON (the handler answers malformed_request). */
export async function readJsonBody(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await req.text();
  } catch {
    return undefined;
  }
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The client's address: the first hop of X-Forwarded-For (set by the reverse proxy in front of the
 * console), else X-Real-IP. Only used for recording and rate limiting, never for authentication.
 */
export function sourceAddressOf(req: Request): string | undefined {
  const xff = req.headers.get("x-forwarded-for");
  const first = xff?.split(",")[0]?.trim();
  if (first) return first.slice(0, 64);
  const real = req.headers.get("x-real-ip")?.trim();
  return real ? real.slice(0, 64) : undefined;
}

export function toResponse(result: { status: number; body: Record<string, unknown>; headers?: Record<string, string> }): Response {
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store", ...(result.headers ?? {}) } });
}
