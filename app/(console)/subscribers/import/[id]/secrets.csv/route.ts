// The one-time download of an import's generated secrets for the console's link: the same service as
// GET /api/v1/jobs/{id}/secrets, with the console session instead of a bearer token.
import { getCurrentUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { takeGeneratedSecrets } from "@/lib/services/subscriber-import";
import { csvAttachment } from "@/lib/api/csv";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("sign in first", { status: 401 });
  const { id } = await ctx.params;
  try {
    return csvAttachment(await takeGeneratedSecrets(user, id), `import-${id}-secrets.csv`);
  } catch (e) {
    if (isAppError(e)) return new Response(e.message, { status: e.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw e;
  }
}
