import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { createPortalInvite } from "@/lib/services/portal";

export const dynamic = "force-dynamic";

/** 201 { token, path, expiresAt }: a one-time portal invite, shown this once (stored hashed). */
export const POST = apiHandler<{ id: string }>(async (_request, { actor, params }) => json(await createPortalInvite(actor, params.id), 201));
