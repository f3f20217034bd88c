// The console's CSV download of the audit trail (session cookie; the API has its own bearer-token route).
import { csvResponse } from "@/lib/api/csv";
import { errorResponse, toErrorResponse } from "@/lib/api/errors";
import { queryOf } from "@/lib/api/json";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.mustChangePassword) return errorResponse(401, { error: "unauthorized", message: "sign in first" });
  const { mustChangePassword: _p, ...actor } = user;
  void _p;
  try {
    return csvResponse(actor, queryOf(request));
  } catch (e) {
    return toErrorResponse(e, crypto.randomUUID());
  }
}
