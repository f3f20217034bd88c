"use client";

import { useEffect } from "react";

// Server errors reach here without their message in production (Next replaces it with a digest);
// we show a generic text either way so nothing internal leaks into the page.
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const forbidden = /role does not allow|read-only role|only an admin/.test(error.message);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">{forbidden ? "Not allowed" : "Something went wrong"}</h1>
      <p className="mt-2 text-sm text-red-800">
        {forbidden ? "Your role does not allow this page." : "The page could not be loaded. Try again; if it keeps failing, check the server log."}
        {error.digest ? <span className="ml-1 font-mono text-xs">(ref {error.digest})</span> : null}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-900 hover:bg-red-100"
      >
        Try again
      </button>
    </div>
  );
}
