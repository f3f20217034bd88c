import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/layout/nav-links";
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
        <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2.5">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/dashboard" className="text-sm font-semibold tracking-wide text-white">
              MIP6 Console
            </Link>
            {user.mustChangePassword ? null : <NavLinks role={user.role} />}
          </div>
          <div className="flex items-center gap-3 text-sm text-slate-300">
            <Link href="/account/password" className="hover:text-white" title="Change password">
              <span data-testid="signed-in-user">{user.email}</span> <span className="text-slate-400">({user.role})</span>
            </Link>
            <Link href="/account/security" className="hover:text-white">Security</Link>
            <SignOutButton />
          </div>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
