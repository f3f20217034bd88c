"use server";

import { requireUser } from "@/lib/auth/session";
import { getJob, type JobDto } from "@/lib/data/jobs";
import { MAX_IMPORT_BYTES } from "@/lib/domain/subscriber-csv";
import { generatedSecretsPending, startSubscriberImport } from "@/lib/services/subscriber-import";
import { actionFailure, type ActionState } from "../../action-state";
import { isForm, isIdArg, malformedCall } from "../../action-guard";

export type ImportStartState = ActionState<{ jobId: string }>;
export type ImportProgress = { job: JobDto; secretsPending: boolean };

/** The uploaded file goes to the same service as POST /api/v1/subscribers/import. */
export async function startImportAction(_prev: ImportStartState, form: FormData): Promise<ImportStartState> {
  if (!isForm(form)) return malformedCall();
  try {
    const actor = await requireUser(["admin", "operator"]);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose a CSV file first.", fieldErrors: { file: "choose a CSV file" } };
    if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`, fieldErrors: { file: "file too large" } };
    const job = await startSubscriberImport(actor, await file.text());
    return { ok: true, jobId: job.id };
  } catch (e) {
    const failure = actionFailure(e);
    // A bad header is a whole-file problem: say which column, not "correct the highlighted fields".
    return Object.keys(failure.fieldErrors).length ? { ...failure, message: Object.values(failure.fieldErrors).join("; ") } : failure;
  }
}

/** Polled by the progress bar: the scoped job read plus whether the one-time secrets are still there. */
export async function importProgressAction(jobId: string): Promise<ImportProgress | null> {
  if (!isIdArg(jobId)) return null;
  const actor = await requireUser();
  try {
    return { job: await getJob(actor, jobId), secretsPending: await generatedSecretsPending(actor, jobId) };
  } catch {
    return null;
  }
}
