"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * A drop-down in the header bar (a <details>, so it works before hydration). It closes on navigation,
 * on a click elsewhere and on Escape, as people expect of a menu.
 */
export function NavMenu({ label, current = false, align = "left", className = "", children }: {
  label: React.ReactNode;
  current?: boolean;
  align?: "left" | "right";
  className?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !el.contains(e.target as Node)) el.open = false;
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details ref={ref} className="relative">
      <summary
        className={`flex cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded-md px-1.5 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white [&::-webkit-details-marker]:hidden ${
          current ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-700 hover:text-white"
        } ${className}`}
      >
        {label} <span aria-hidden className="text-xs">▾</span>
      </summary>
      <div className={`absolute z-40 mt-1 min-w-44 rounded-md bg-slate-800 p-1 shadow-lg ring-1 ring-slate-700 ${align === "right" ? "right-0" : "left-0"}`}>
        {children}
      </div>
    </details>
  );
}
