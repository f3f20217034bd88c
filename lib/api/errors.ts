// Every error the operator API returns has the shape of spec/api-v1.md: { error, message, fields? }.
import { isAppError, isUniqueViolation, AppError } from "@/lib/errors";

export type ErrorBody = { error: string; message: string; fields?: Record<string, string> };

export class MalformedJsonError extends AppError {
  constructor(message = "the request body is not valid JSON") {
    super(400, "malformed_json", message);
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super(401, "unauthorized", "a valid bearer token is required (Authorization: Bearer <token>)");
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super(413, "payload_too_large", `the request body is larger than ${limit} bytes`);
  }
}

export function errorResponse(status: number, body: ErrorBody, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * AppError → its status and body. A unique violation that escaped a service is still a conflict.
 * Anything else is a 500 with a generic message: internals never reach the client.
 */
export function toErrorResponse(e: unknown, requestId: string): Response {
  const headers = { "X-Request-Id": requestId };
  if (isAppError(e)) {
    const body: ErrorBody = { error: e.code, message: e.message };
    if (e.fields && Object.keys(e.fields).length) body.fields = e.fields;
    return errorResponse(e.status, body, e.status === 401 ? { ...headers, "WWW-Authenticate": 'Bearer realm="mip6-console"' } : headers);
  }
  if (isUniqueViolation(e)) return errorResponse(409, { error: "conflict", message: "this conflicts with an existing record" }, headers);
  return errorResponse(500, { error: "internal", message: `Something went wrong (request ${requestId}).` }, headers);
}
