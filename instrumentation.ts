// Next.js calls register() once per server process. It starts the background job runner (renumbering
// plans and announcements of big prefixes, the drain sweep), which also resumes jobs a previous
// process left half-way: each job continues from its last committed batch.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The job handlers register themselves when their service module loads.
  await import("@/lib/services/renumbering");
  const { startJobRunner } = await import("@/lib/jobs/runner");
  startJobRunner();
}
