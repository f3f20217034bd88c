import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { auditChainStatus } from "@/lib/data/audit";

export const dynamic = "force-dynamic";

/** Walk the hash chain: { ok, checked, firstBadSeq, problem } (admin and auditor). */
export const GET = apiHandler(async (_request, { actor }) => json(await auditChainStatus(actor)));
