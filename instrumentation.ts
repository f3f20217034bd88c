// Next.js calls register() once when a server instance starts. Background work of the console hangs
// off it; each job guards itself against running on several instances at once.
export async function register(): Promise<void> {
  // Only the Node.js server runs jobs (not the edge runtime, and not `next build`'s page workers).
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startStalenessTimer } = await import("@/lib/jobs/staleness-timer");
  startStalenessTimer();
  // The batched job runner (renumbering plans/announcements of big prefixes, the drain sweep) also
  // resumes jobs a previous process left half-way, from their last committed batch. Job handlers
  // register themselves when their service module loads.
  await import("@/lib/services/renumbering");
  await import("@/lib/services/subscriber-import");
  const { startJobRunner } = await import("@/lib/jobs/runner");
  startJobRunner();
}
