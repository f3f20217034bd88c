import { apiHandler } from "@/lib/api/handler";
import { json, queryOf } from "@/lib/api/json";
import { explainBootstrap } from "@/lib/services/explain";

export const dynamic = "force-dynamic";

/** GET ?subscriberId= (or ?nai=) &servingRealm=[&homeAddressMode=][&now=]: the bootstrap decision, nothing recorded. */
export const GET = apiHandler(async (request, { actor }) => {
  const q = queryOf(request);
  return json(await explainBootstrap(actor, { subscriberId: q.subscriberId, nai: q.nai, servingRealm: q.servingRealm, homeAddressMode: q.homeAddressMode, now: q.now }));
});
