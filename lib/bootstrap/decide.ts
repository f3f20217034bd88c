// The bootstrap's decision after authentication, read-only: which scenario applies (or why none does),
// which home address mode is used and which HA would serve the MN. Both the bootstrap endpoint
// (handle-bootstrap.ts, which then assigns the HoA and records the session) and the explain view
// (lib/services/explain.ts, which records nothing) call this one function, so they cannot drift apart.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { effectiveHomeAddressMode, type HomeAddressMode } from "@/lib/domain/home-address";
import { resolveScenario, type ScenarioDecision, type ScenarioInput } from "@/lib/domain/scenario";
import type { AuthSubscriber } from "./authenticate";
import { chooseHomeAgent, type HomeAgentChoice } from "./home-agent";
import { loadScenarioInput } from "./scenario-facts";

export type BootstrapDecision = {
  /** what the scenario rule was given (providers, roles, agreements) */
  input: ScenarioInput;
  /** region of the serving realm (HA tie-breaking), null when unknown */
  servingRegion: string | null;
  scenario: ScenarioDecision;
  /** the mode requested and the one used (a provisioned static HoA wins; see effectiveHomeAddressMode) */
  homeAddressMode: { requested: HomeAddressMode; mode: HomeAddressMode; note: string | null };
  /** the HA choice; null when the scenario was refused (no HA is looked for then) */
  homeAgent: HomeAgentChoice | null;
  /** every reason, in the order a session's explanation records them */
  because: string[];
};

export async function decideBootstrap(
  db: PrismaClient,
  subscriber: AuthSubscriber,
  servingRealm: string,
  requested: HomeAddressMode,
  now: Date,
  /** called once the scenario is known, before the HA is looked for (the session timeline marks it then) */
  onScenario?: (scenario: ScenarioDecision) => void,
): Promise<BootstrapDecision> {
  const facts = await loadScenarioInput(db, subscriber, servingRealm, now);
  const scenario = resolveScenario(facts.input);
  onScenario?.(scenario);
  const { mode, note } = effectiveHomeAddressMode(requested, subscriber);
  const because = [...scenario.because];
  const base = { input: facts.input, servingRegion: facts.servingRegion, scenario, homeAddressMode: { requested, mode, note } };
  if (scenario.kind === "refused") return { ...base, homeAgent: null, because };

  if (note) because.push(note);
  const homeAgent = await chooseHomeAgent(db, {
    subscriber,
    mspProviderId: scenario.mspProviderId,
    localMspProviderId: scenario.localMspProviderId,
    servingRegion: facts.servingRegion,
    useStatic: mode === "static",
  });
  because.push(...homeAgent.because);
  return { ...base, homeAgent, because };
}
