import { apiHandler } from "@/lib/api/handler";
import { queryOf } from "@/lib/api/json";
import { csvResponse } from "@/lib/api/csv";

export const dynamic = "force-dynamic";

/** The filtered audit trail as CSV, oldest first; the same filters and scope as GET /api/v1/audit. */
export const GET = apiHandler(async (request, { actor }) => csvResponse(actor, queryOf(request)));
