import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// Liveness and readiness: one read, no write (safe for load balancers to call often).
export async function GET() {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
