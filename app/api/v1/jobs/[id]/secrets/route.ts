import { apiHandler } from "@/lib/api/handler";
import { takeGeneratedSecrets } from "@/lib/services/subscriber-import";
import { csvAttachment } from "@/lib/api/csv";

export const dynamic = "force-dynamic";

type P = { id: string };

/** `text/csv` `nai,secret` of an import's generated secrets, exactly once (410 afterwards). */
export const GET = apiHandler<P>(async (_request, { actor, params }) =>
  csvAttachment(await takeGeneratedSecrets(actor, params.id), `import-${params.id}-secrets.csv`),
);
