import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { getJob } from "@/lib/data/jobs";

export const dynamic = "force-dynamic";

type P = { id: string };

/** `{ id, type, state, total, done, errors }`: poll it for a background job's progress. */
export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getJob(actor, params.id)));
