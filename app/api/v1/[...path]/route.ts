import { errorResponse } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

// Unknown paths under /api/v1 answer in the API's error shape rather than with the HTML 404 page.
function notFound(request: Request): Response {
  return errorResponse(404, { error: "not_found", message: `no such endpoint: ${request.method} ${new URL(request.url).pathname}` });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
