// The dormant list for the console's download link: same scoped export as the API's dormant.csv, with
// the console session instead of a bearer token.
import { getCurrentUser } from "@/lib/auth/session";
import { getRenumbering } from "@/lib/data/renumberings";
import { isAppError } from "@/lib/errors";
import { dormantCsv } from "@/lib/services/renumbering-export";
import { csvAttachment } from "@/lib/api/csv";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return new Response("sign in first", { status: 401 });
  const { id } = await ctx.params;
  try {
    const r = await getRenumbering(user, id);
    return csvAttachment(dormantCsv(user, r.id), `renumbering-${r.id}-dormant.csv`);
  } catch (e) {
    if (isAppError(e) && e.status === 404) return new Response("not found", { status: 404 });
    throw e;
  }
}
