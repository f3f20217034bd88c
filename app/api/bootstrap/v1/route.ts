import { handleBootstrap } from "@/lib/bootstrap/handle-bootstrap";
import { readJsonBody, sourceAddressOf, toResponse } from "@/lib/bootstrap/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Bootstrap protocol v1 (spec/bootstrap-v1.md); all rules live in lib/bootstrap.
export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  return toResponse(await handleBootstrap(body, { sourceAddress: sourceAddressOf(req) }));
}
