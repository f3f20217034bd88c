import { apiHandler } from "@/lib/api/handler";
import { json, noContent, readJson } from "@/lib/api/json";
import { getProvider } from "@/lib/data/providers";
import { updateProvider, deleteProvider } from "@/lib/services/providers";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getProvider(actor, params.id)));

export const PATCH = apiHandler<P>(async (request, { actor, params }) => json(await updateProvider(actor, params.id, await readJson(request))));

export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await deleteProvider(actor, params.id);
  return noContent();
});
