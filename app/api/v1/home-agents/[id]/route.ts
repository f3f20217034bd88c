import { apiHandler } from "@/lib/api/handler";
import { json, noContent, readJson } from "@/lib/api/json";
import { getHomeAgent } from "@/lib/data/home-agents";
import { updateHomeAgent, deleteHomeAgent } from "@/lib/services/home-agents";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getHomeAgent(actor, params.id)));

export const PATCH = apiHandler<P>(async (request, { actor, params }) => json(await updateHomeAgent(actor, params.id, await readJson(request))));

export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await deleteHomeAgent(actor, params.id);
  return noContent();
});
