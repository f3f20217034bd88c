import { apiHandler } from "@/lib/api/handler";
import { takeGeneratedSecrets } from "@/lib/services/subscriber-import";

export const dynamic = "force-dynamic";

type P = { id: string };

/** `text/csv` `nai,secret` of an import's generated secrets, exactly once (410 afterwards). */
export const GET = apiHandler<P>(async (_request, { actor, params }) =>
  new Response(await takeGeneratedSecrets(actor, params.id), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-${params.id}-secrets.csv"`,
      "Cache-Control": "no-store",
    },
  }),
);
