"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/subscribers", label: "Subscribers" },
  { href: "/providers", label: "Providers" },
  { href: "/agreements", label: "Agreements" },
  { href: "/explain", label: "Explain" },
  { href: "/home-agents", label: "Home agents" },
  { href: "/prefixes", label: "Prefixes" },
  { href: "/leases", label: "Home addresses" },
  { href: "/renumberings", label: "Renumberings" },
  { href: "/sessions", label: "Sessions" },
  { href: "/rebootstrap", label: "Flagged MNs" },
  { href: "/settings", label: "Settings" },
  { href: "/audit", label: "Audit" },
  { href: "/users", label: "Users", roles: ["admin", "auditor"] },
] as const satisfies readonly { href: string; label: string; roles?: readonly string[] }[];

/** `role` only hides links a role cannot use; every page checks the role itself on the server. */
export function NavLinks({ role }: { role?: string }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {LINKS.filter((l) => !("roles" in l) || (role !== undefined && (l.roles as readonly string[]).includes(role))).map((l) => {
        const current = pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={current ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white ${
                current ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-700 hover:text-white"
              }`}
            >
              {l.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
