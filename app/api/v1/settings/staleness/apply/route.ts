import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { applyStalenessPolicy } from "@/lib/services/staleness";

export const dynamic = "force-dynamic";

/** Admin only: run the staleness policy now → `{ maxAgeSeconds, cutoff, flagged }`. */
export const POST = apiHandler(async (_request, { actor }) => json(await applyStalenessPolicy(actor)));
