import { apiHandler } from "@/lib/api/handler";
import { json, noContent, readJson } from "@/lib/api/json";
import { getSubscriber } from "@/lib/data/subscribers";
import { updateSubscriber, deleteSubscriber } from "@/lib/services/subscribers";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getSubscriber(actor, params.id)));

export const PATCH = apiHandler<P>(async (request, { actor, params }) => json(await updateSubscriber(actor, params.id, await readJson(request))));

export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await deleteSubscriber(actor, params.id);
  return noContent();
});
