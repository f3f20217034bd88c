import { apiHandler } from "@/lib/api/handler";
import { json, queryOf } from "@/lib/api/json";
import { listSessions } from "@/lib/data/sessions";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listSessions(actor, queryOf(request))));
