import type { Metadata } from "next";
import { PasswordForm } from "@/components/auth/password-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  await requireUser(undefined, { allowPendingPasswordChange: true });
  const pending = (await getCurrentUser())?.mustChangePassword ?? false;
  return (
    <div className="max-w-md">
      <PageHeader
        title="Change password"
        description={pending ? "Your password must be changed before you continue (for example, it was generated at start-up)." : undefined}
      />
      <Card>
        <PasswordForm action={changePasswordAction} minLength={MIN_PASSWORD_LENGTH} />
      </Card>
    </div>
  );
}
