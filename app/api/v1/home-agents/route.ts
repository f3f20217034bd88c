import { apiHandler } from "@/lib/api/handler";
import { json, queryOf, readJson } from "@/lib/api/json";
import { listHomeAgents } from "@/lib/data/home-agents";
import { createHomeAgent } from "@/lib/services/home-agents";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listHomeAgents(actor, queryOf(request))));

export const POST = apiHandler(async (request, { actor }) => json(await createHomeAgent(actor, await readJson(request)), 201));
