import { apiHandler } from "@/lib/api/handler";
import { json, noContent, readJson } from "@/lib/api/json";
import { getPrefix } from "@/lib/data/prefixes";
import { updatePrefix, deletePrefix } from "@/lib/services/prefixes";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getPrefix(actor, params.id)));

export const PATCH = apiHandler<P>(async (request, { actor, params }) => json(await updatePrefix(actor, params.id, await readJson(request))));

export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await deletePrefix(actor, params.id);
  return noContent();
});
