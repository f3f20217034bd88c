// The signed-in subscriber's MN configuration as a JSON download. Never the secret.
import { NextResponse } from "next/server";
import { getCurrentSubscriber } from "@/lib/auth/portal-session";
import { getPortalMnConfig } from "@/lib/data/portal";

export const dynamic = "force-dynamic";

/** The origin the subscriber reached us on (behind a proxy, its forwarded host and protocol). */
function publicOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  return process.env.NEXTAUTH_URL?.replace(/\/+$/, "") || `${proto}://${host}`;
}

export async function GET(request: Request) {
  const s = await getCurrentSubscriber();
  if (!s) return NextResponse.json({ error: "unauthorized", message: "sign in to the portal first" }, { status: 401 });
  const config = await getPortalMnConfig(s.id, publicOrigin(request));
  return new NextResponse(JSON.stringify(config, null, 2) + "\n", {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mn-config.json"`,
      "Cache-Control": "no-store",
    },
  });
}
