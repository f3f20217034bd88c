"use client";

import { useState } from "react";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setStatus("copied");
          } catch {
            // Clipboard access needs a secure context or permission; the value stays selectable on screen.
            setStatus("failed");
          }
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        {status === "copied" ? "Copied" : label}
      </button>
      <span aria-live="polite" className="sr-only">
        {status === "copied" ? "Copied to the clipboard" : status === "failed" ? "Copy failed; select the text and copy it by hand" : ""}
      </span>
      {status === "failed" ? <span className="text-xs text-red-700">Copy failed: select the text and copy it.</span> : null}
    </>
  );
}
