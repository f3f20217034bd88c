import { handleStatus } from "@/lib/bootstrap/handle-status";
import { readJsonBody, sourceAddressOf, toResponse } from "@/lib/bootstrap/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Network-initiated bootstrap status (spec/bootstrap-v1.md "Status"); rules live in lib/bootstrap.
export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  return toResponse(await handleStatus(body, { sourceAddress: sourceAddressOf(req) }));
}
