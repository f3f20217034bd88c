import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { resetUserPassword } from "@/lib/services/user-admin";

export const dynamic = "force-dynamic";

type P = { id: string };

/** A new generated initial password (shown this once); the user must change it at next sign-in. */
export const POST = apiHandler<P>(async (_request, { actor, params }) => json(await resetUserPassword(actor, params.id)));
