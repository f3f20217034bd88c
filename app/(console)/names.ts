// id → name maps for the selects and tables of console pages. Scoped like every read; the console
// shows at most this many providers / HAs in a select (lists stay paginated on their own pages).
import type { Actor } from "@/lib/auth/actor";
import { listHomeAgents, type HomeAgentDto } from "@/lib/data/home-agents";
import { listProviders, type ProviderDto } from "@/lib/data/providers";

const SELECT_LIMIT = 500;

export async function providerOptions(actor: Actor): Promise<ProviderDto[]> {
  return (await listProviders(actor, { limit: SELECT_LIMIT })).items;
}

export async function homeAgentOptions(actor: Actor): Promise<HomeAgentDto[]> {
  return (await listHomeAgents(actor, { limit: SELECT_LIMIT })).items;
}

export function nameMap<T extends { id: string; name: string }>(rows: T[]): Map<string, string> {
  return new Map(rows.map((r) => [r.id, r.name]));
}
