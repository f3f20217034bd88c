import { apiHandler } from "@/lib/api/handler";
import { json, readJson } from "@/lib/api/json";
import { getUser } from "@/lib/data/users";
import { updateUser } from "@/lib/services/user-admin";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getUser(actor, params.id)));

/** Change `role`, `providerIds`, `name` or `disabled` (admin). */
export const PATCH = apiHandler<P>(async (request, { actor, params }) => json(await updateUser(actor, params.id, await readJson(request))));
