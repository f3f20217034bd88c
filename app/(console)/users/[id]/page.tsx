import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/providers/confirm-form";
import { ResetPassword } from "@/components/users/reset-password";
import { UserForm } from "@/components/users/user-form";
import { formatTime } from "@/components/ui/format";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { listProviders } from "@/lib/data/providers";
import { getUser } from "@/lib/data/users";
import { isAppError } from "@/lib/errors";
import { removeUserTotpAction, resetPasswordAction, setUserDisabledAction, updateUserAction } from "../actions";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageUser(["admin", "auditor"]);
  const { id } = await params;
  let user: Awaited<ReturnType<typeof getUser>>;
  try {
    user = await getUser(actor, id);
  } catch (e) {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  }
  const providers = (await listProviders(actor, { limit: 500 })).items.map((p) => ({ id: p.id, name: p.name }));
  const admin = actor.role === "admin";
  const self = actor.userId === user.id;

  return (
    <div className="space-y-6">
      <PageHeader
        title={user.email}
        description={<>Created {formatTime(user.createdAt)} · <Link href={`/audit?objectType=user&objectId=${user.id}`} className="text-brand-600 hover:underline">audit entries</Link></>}
      />
      <p className="flex flex-wrap gap-2">
        <Badge tone="blue">{user.role}</Badge>
        {user.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">enabled</Badge>}
        {user.mustChangePassword ? <Badge tone="amber">must change password</Badge> : null}
        {user.totpEnabled ? <Badge tone="green">second factor</Badge> : null}
      </p>
      {admin ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Role and scope">
            <UserForm action={updateUserAction} providers={providers} user={user} submitLabel="Save" />
          </Card>
          <Card title="Access">
            <div className="flex flex-wrap gap-3">
              <ResetPassword action={resetPasswordAction} userId={user.id} email={user.email} />
              {user.totpEnabled ? (
                <ConfirmForm
                  action={removeUserTotpAction}
                  fields={{ id: user.id }}
                  trigger="Remove second factor"
                  title={`Remove the second factor of ${user.email}?`}
                  confirmLabel="Remove"
                  testId="user-totp-remove"
                >
                  For a lost device: the user then signs in with the password alone and can enrol a new one.
                </ConfirmForm>
              ) : null}
              {self ? <p className="text-sm text-slate-600">You cannot disable your own account here.</p> : (
                <ConfirmForm
                  action={setUserDisabledAction}
                  fields={{ id: user.id, disabled: user.disabled ? "false" : "true" }}
                  trigger={user.disabled ? "Enable" : "Disable"}
                  title={user.disabled ? `Enable ${user.email}?` : `Disable ${user.email}?`}
                  confirmLabel={user.disabled ? "Enable" : "Disable"}
                  testId="user-disable"
                >
                  {user.disabled ? "The user can sign in again." : "The user is signed out at the next request and every API token of theirs stops working."}
                </ConfirmForm>
              )}
            </div>
          </Card>
        </div>
      ) : (
        <Card title="Scope">
          <p className="text-sm">{user.role === "operator" ? user.providerIds.map((p) => providers.find((x) => x.id === p)?.name ?? p).join(", ") : "all providers"}</p>
        </Card>
      )}
    </div>
  );
}
