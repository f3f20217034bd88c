import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/layout/nav-links";
import { NavMenu } from "@/components/layout/nav-menu";
import { getCurrentUser } from "@/lib/auth/session";

// Layouts are not re-rendered on every client navigation, so this is presentation only:
// each page and action calls requireUser() itself.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-slate-800">
        <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2.5">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Link href="/dashboard" className="text-sm font-semibold tracking-wide text-white">
              MIP6 Console
            </Link>
            {user.mustChangePassword ? null : <NavLinks role={user.role} />}
          </div>
          {/* The account menu: a long address is cut short on screen, the full one and the role are in the title. */}
          <NavMenu
            align="right"
            label={<span className="block max-w-48 truncate" title={`${user.email} (${user.role})`} data-testid="signed-in-user">{user.email}</span>}
          >
            <p className="px-1.5 py-1 text-xs text-slate-400">Signed in as {user.role}</p>
            <Link href="/account/password" className="block rounded-md px-1.5 py-1.5 text-sm font-medium text-slate-300 hover:bg-slate-700 hover:text-white">Change password</Link>
            <Link href="/account/security" className="block rounded-md px-1.5 py-1.5 text-sm font-medium text-slate-300 hover:bg-slate-700 hover:text-white">Security</Link>
            <SignOutButton />
          </NavMenu>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
