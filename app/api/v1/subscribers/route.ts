import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { listSubscribers } from "@/lib/data/subscribers";
import { createSubscriber } from "@/lib/services/subscribers";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listSubscribers(actor, queryOf(request))));

/** 201 with the subscriber's fields plus `secret`, the base64url root secret, shown this once. */
export const POST = apiHandler(async (request, { actor }) => {
  const { subscriber, secret } = await createSubscriber(actor, await readJson(request));
  return created(subscriber, "/api/v1/subscribers", { secret });
});
