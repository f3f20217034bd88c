// The loading skeleton of list, form and overview pages (their loading.tsx files re-export it).
// Detail pages of one object ([id]) deliberately have none: a loading boundary above a page starts the
// response as a 200 stream before the page runs, so its notFound() could no longer answer HTTP 404.
// e2e/not-found-status.spec.ts fails when a loading.tsx ends up above a dynamic page again.
export default function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="grid gap-4 md:grid-cols-2">
        <div className="h-64 animate-pulse rounded-lg bg-slate-200" />
        <div className="h-64 animate-pulse rounded-lg bg-slate-200" />
      </div>
    </div>
  );
}
