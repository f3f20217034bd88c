// Background job reads. A job is visible to whoever may see what it works on: its owner, admins and
// auditors, and (for renumbering jobs) operators who can see the renumbering.
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";

export type JobDto = {
  id: string;
  type: string;
  state: "queued" | "running" | "succeeded" | "failed";
  total: number;
  done: number;
  errors: { line: number; field: string; message: string }[];
  createdAt: string;
  updatedAt: string;
};

export async function getJob(actor: Actor, id: string, db: Tx = getDb()): Promise<JobDto> {
  const job = await db.job.findUnique({
    where: { id },
    select: { id: true, type: true, state: true, total: true, done: true, errors: true, payload: true, ownerId: true, createdAt: true, updatedAt: true },
  });
  if (!job) throw new NotFoundError("job");
  const scope = providerScope(actor);
  if (scope !== null && !(actor.kind === "user" && job.ownerId === actor.userId)) {
    const renumberingId = (JSON.parse(job.payload ?? "{}") as { renumberingId?: string }).renumberingId;
    const visible = renumberingId
      ? await db.renumbering.count({ where: { id: renumberingId, oldPrefixRef: { homeAgent: { providerId: { in: scope } } } } })
      : 0;
    if (!visible) throw new NotFoundError("job");
  }
  return {
    id: job.id, type: job.type, state: job.state as JobDto["state"], total: job.total, done: job.done,
    errors: JSON.parse(job.errors) as JobDto["errors"], createdAt: job.createdAt.toISOString(), updatedAt: job.updatedAt.toISOString(),
  };
}
