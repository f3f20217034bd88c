"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavMenu } from "./nav-menu";

type NavLink = { href: string; label: string; roles?: readonly string[] };

// Day-to-day pages stay in the bar; configuration and oversight pages sit under "Admin", so the bar fits
// one row at 1366 px.
const LINKS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/subscribers", label: "Subscribers" },
  { href: "/sessions", label: "Sessions" },
  { href: "/home-agents", label: "Home agents" },
  { href: "/prefixes", label: "Prefixes" },
  { href: "/leases", label: "Home addresses" },
  { href: "/rebootstrap", label: "Flagged MNs" },
  { href: "/renumberings", label: "Renumberings" },
  { href: "/explain", label: "Explain" },
] as const satisfies readonly NavLink[];

const ADMIN_LINKS = [
  { href: "/providers", label: "Providers" },
  { href: "/agreements", label: "Agreements" },
  { href: "/settings", label: "Settings" },
  { href: "/audit", label: "Audit" },
  { href: "/users", label: "Users", roles: ["admin", "auditor"] },
] as const satisfies readonly NavLink[];

const LINK_CLASS = "block whitespace-nowrap rounded-md px-1.5 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white";
const tone = (current: boolean) => (current ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-700 hover:text-white");

function visible(links: readonly NavLink[], role: string | undefined): NavLink[] {
  return links.filter((l) => !l.roles || (role !== undefined && l.roles.includes(role)));
}

function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** `role` only hides links a role cannot use; every page checks the role itself on the server. */
export function NavLinks({ role }: { role?: string }) {
  const pathname = usePathname();
  const admin = visible(ADMIN_LINKS, role);
  return (
    <ul className="flex items-center">
      {visible(LINKS, role).map((l) => {
        const current = isCurrent(pathname, l.href);
        return (
          <li key={l.href}>
            <Link href={l.href} aria-current={current ? "page" : undefined} className={`${LINK_CLASS} ${tone(current)}`}>
              {l.label}
            </Link>
          </li>
        );
      })}
      <li>
        <NavMenu label="Admin" current={admin.some((l) => isCurrent(pathname, l.href))}>
          <ul>
            {admin.map((l) => {
              const here = isCurrent(pathname, l.href);
              return (
                <li key={l.href}>
                  <Link href={l.href} aria-current={here ? "page" : undefined} className={`${LINK_CLASS} ${tone(here)}`}>
                    {l.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </NavMenu>
      </li>
    </ul>
  );
}

