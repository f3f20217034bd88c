import { apiHandler } from "@/lib/api/handler";
import { json, queryOf, readJson } from "@/lib/api/json";
import { listFlaggedSubscribers } from "@/lib/data/flagged-subscribers";
import { requestRebootstrapMany } from "@/lib/services/rebootstrap";

export const dynamic = "force-dynamic";

/** The flagged MNs, newest flag first; `?reason=` filters. */
export const GET = apiHandler(async (request, { actor }) => json(await listFlaggedSubscribers(actor, queryOf(request))));

/** `{ subscriberIds }` (max 1000) → `{ flagged, skipped }`; ids outside the caller's scope are skipped. */
export const POST = apiHandler(async (request, { actor }) => {
  const { flagged, skipped } = await requestRebootstrapMany(actor, await readJson(request));
  return json({ flagged, skipped });
});
