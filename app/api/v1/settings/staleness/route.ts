import { apiHandler } from "@/lib/api/handler";
import { json, readJson } from "@/lib/api/json";
import { getStalenessPolicy, setStalenessPolicy } from "@/lib/services/staleness";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async () => json(await getStalenessPolicy()));

/** Admin only: `{ maxAgeSeconds }` (0 = off). */
export const PUT = apiHandler(async (request, { actor }) => json(await setStalenessPolicy(actor, await readJson(request))));
