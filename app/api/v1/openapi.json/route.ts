import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

/** The API description; public (it describes the API, it reveals no data). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
