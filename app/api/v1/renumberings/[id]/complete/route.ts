import { apiHandler } from "@/lib/api/handler";
import { json, queryOf } from "@/lib/api/json";
import { completeRenumbering } from "@/lib/services/renumbering";

export const dynamic = "force-dynamic";

type P = { id: string };

/** Retires the old prefix; 409 while MNs have not migrated unless ?force=true (then `leftBehind` lists them). */
export const POST = apiHandler<P>(async (request, { actor, params }) => {
  const force = ["true", "1"].includes(queryOf(request).force ?? "");
  return json(await completeRenumbering(actor, params.id, { force }));
});
