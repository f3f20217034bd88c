"use server";

import { requireUser } from "@/lib/auth/session";
import { createSubscriber } from "@/lib/services/subscribers";
import { actionFailure, formValues, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type CreatedSubscriberState = ActionState<{ subscriber: { id: string; nai: string }; secret: string }>;

const FIELDS = ["nai", "msaProviderId", "accessNai", "asaProviderId", "homeAddressPolicy", "staticHomeAddress", "pinnedHomeAgentId"] as const;

/**
 * The root secret travels only in this action's return value: never in a URL, a cookie or a page that a
 * reload would render again.
 */
export async function createSubscriberAction(_prev: CreatedSubscriberState, form: FormData): Promise<CreatedSubscriberState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, FIELDS);
  try {
    const actor = await requireUser(["admin", "operator"]);
    const { subscriber, secret } = await createSubscriber(actor, values);
    return { ok: true, subscriber: { id: subscriber.id, nai: subscriber.nai }, secret };
  } catch (e) {
    return actionFailure(e, values);
  }
}
