import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { getSession } from "@/lib/data/sessions";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>(async (_request, { actor, params }) => json(await getSession(actor, params.id)));
