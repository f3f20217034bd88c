import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

// Unknown URLs (outside every route) land here rather than on Next's bare default page. It does not read
// the session: a signed-out visitor gets the same page, and the dashboard link sends them to sign in.
export default function NotFound() {
  return (
    <div className="min-h-screen">
      <header className="bg-slate-800">
        <div className="mx-auto flex max-w-7xl items-center px-4 py-2.5">
          <Link href="/dashboard" className="text-sm font-semibold tracking-wide text-white">
            MIP6 Console
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        <div className="max-w-lg rounded-lg border border-slate-200 bg-white p-6">
          <h1 className="text-lg font-semibold">Page not found</h1>
          <p className="mt-2 text-sm text-slate-600">There is no page at this address. Check the link, or start again from the dashboard.</p>
          <Link href="/dashboard" className="mt-4 inline-block text-sm font-medium text-brand-600 hover:underline">
            Back to the dashboard
          </Link>
        </div>
      </main>
    </div>
  );
}
