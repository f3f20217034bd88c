"use client";

// Upload a subscriber CSV, follow the import job (polled every 1.5 s), list the row errors, and offer the
// generated secrets once. The job id lives in the URL (?job=…) so a reload keeps following it.
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { ImportProgress, ImportStartState } from "@/app/(console)/subscribers/import/actions";

type Props = {
  start: (prev: ImportStartState, form: FormData) => Promise<ImportStartState>;
  poll: (jobId: string) => Promise<ImportProgress | null>;
  initial: ImportProgress | null;
};

export function ImportPanel({ start, poll, initial }: Props) {
  const [state, action, pending] = useActionState(start, null);
  const [progress, setProgress] = useState<ImportProgress | null>(initial);
  const [downloaded, setDownloaded] = useState(false);
  const router = useRouter();
  const startedId = state?.ok ? state.jobId : null;

  useEffect(() => {
    if (startedId) router.replace(`/subscribers/import?job=${encodeURIComponent(startedId)}`);
  }, [startedId, router]);

  const jobId = startedId ?? progress?.job.id ?? null;
  const ended = progress?.job.state === "succeeded" || progress?.job.state === "failed";
  useEffect(() => {
    if (!jobId || (ended && progress?.job.id === jobId)) return;
    // A failed poll (signed out, job gone) leaves the last state shown and stops polling.
    const t = setTimeout(async () => {
      const next = await poll(jobId);
      if (next) setProgress(next);
    }, progress?.job.id === jobId ? 1500 : 0);
    return () => clearTimeout(t);
  }, [jobId, ended, progress, poll]);

  const job = progress?.job.id === jobId ? progress.job : null;
  const pct = job && job.total > 0 ? Math.min(100, Math.floor((job.done / job.total) * 100)) : job?.state === "succeeded" ? 100 : 0;
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4" data-testid="import-form">
        <Field id="file" label="CSV file" error={state && !state.ok ? state.fieldErrors.file : undefined}
          hint="First line: column names (nai required; msaProviderId, accessNai, asaProviderId, homeAddressPolicy, staticHomeAddress, pinnedHomeAgentId, status, secret). At most 10 MiB / 100,000 rows.">
          {(aria) => <input {...aria} name="file" type="file" accept=".csv,text/csv" required className={inputClass} />}
        </Field>
        <FormMessage message={state && !state.ok ? state.message : null} />
        <Button type="submit" disabled={pending}>{pending ? "Uploading…" : "Import"}</Button>
      </form>

      {job ? (
        <section className="space-y-4" aria-label="Import progress">
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="job-progress" data-state={job.state}>
            <div className="mb-2 flex justify-between text-sm">
              <span className="font-medium text-slate-800">Import {job.state}</span>
              <span className="text-slate-600" aria-live="polite">
                {job.done.toLocaleString("en-US")} / {job.total.toLocaleString("en-US")} rows ({pct} %), {job.errors.length.toLocaleString("en-US")} with errors
              </span>
            </div>
            <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full overflow-hidden rounded bg-slate-200">
              <div className={`h-full ${job.state === "failed" ? "bg-red-600" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
            </div>
          </div>

          {ended && progress?.secretsPending && !downloaded ? (
            <div className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-sm text-amber-950" role="alert" data-testid="secrets-download">
              <p>
                The generated root secrets can be downloaded <strong>once</strong>. They are deleted from the console as soon as the
                file is fetched; keep it somewhere safe.
              </p>
              <a href={`/subscribers/import/${encodeURIComponent(job.id)}/secrets.csv`} onClick={() => setDownloaded(true)} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
                Download generated secrets
              </a>
            </div>
          ) : null}

          {job.errors.length ? (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-errors">
                <caption className="sr-only">Rows that were not imported</caption>
                <thead className="bg-slate-50 text-left text-slate-700">
                  <tr><th scope="col" className="px-3 py-2">Line</th><th scope="col" className="px-3 py-2">Field</th><th scope="col" className="px-3 py-2">Problem</th></tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {job.errors.slice(0, 1000).map((e, i) => (
                    <tr key={`${e.line}-${e.field}-${i}`}>
                      <td className="px-3 py-2 font-mono">{e.line}</td>
                      <td className="px-3 py-2 font-mono">{e.field}</td>
                      <td className="px-3 py-2">{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
