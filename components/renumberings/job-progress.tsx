"use client";

// Progress of a background job, polled every 1.5 s until it ends; then the page re-renders from the server.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import type { JobDto } from "@/lib/data/jobs";

const LABEL: Record<string, string> = { "renumbering.plan": "Preparing the preview", "renumbering.announce": "Announcing to every affected MN" };

export function JobProgress({ initial, poll }: { initial: JobDto; poll: (id: string) => Promise<JobDto | null> }) {
  const [job, setJob] = useState(initial);
  const router = useRouter();
  useEffect(() => {
    if (job.state === "succeeded" || job.state === "failed") return;
    const t = setTimeout(async () => {
      const next = await poll(job.id);
      if (!next) return;
      setJob(next);
      if (next.state === "succeeded" || next.state === "failed") router.refresh();
    }, 1500);
    return () => clearTimeout(t);
  }, [job, poll, router]);
  const pct = job.total > 0 ? Math.min(100, Math.floor((job.done / job.total) * 100)) : job.state === "succeeded" ? 100 : 0;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="job-progress" data-state={job.state}>
      <div className="mb-2 flex justify-between text-sm">
        <span className="font-medium text-slate-800">{LABEL[job.type] ?? job.type}</span>
        <span className="text-slate-600" aria-live="polite">
          {job.state === "failed" ? "failed" : `${job.done.toLocaleString("en-US")} / ${job.total.toLocaleString("en-US")} (${pct} %)`}
        </span>
      </div>
      <div role="progressbar" aria-label="Job progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full overflow-hidden rounded bg-slate-200">
        <div className={`h-full ${job.state === "failed" ? "bg-red-600" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
