// The demo world loaded into an empty console (CONSOLE_DEMO != "0"): RFC 4640's cast of characters.
//  - a cellular operator holding all four roles (an integrated ASP, §6) with HAs in two regions,
//  - an airport hotspot that only gives access (ASP), where cellular subscribers roam in,
//  - an enterprise that authorizes its staff's mobility (MSA) but runs no home agents,
//  - a third-party mobility provider (MSP) with an HA that serves the enterprise under an agreement (§7.3),
//  - a start-up whose mobility agreement with that MSP has expired (its staff get no_roaming_agreement).
// Addresses and prefixes come from the documentation range 2001:db8::/32 (RFC 3849).

export const DEMO_PROVIDERS = {
  cellular: {
    name: "Example Cellular",
    roles: ["ASP", "ASA", "MSP", "MSA"],
    realms: [
      { name: "mnc015.example-cellular.net", region: "eu-west" },
      { name: "cellular.example", region: "eu-west" },
      { name: "east.cellular.example", region: "eu-central" },
    ],
  },
  airport: {
    name: "Airport Hotspot",
    roles: ["ASP"],
    realms: [{ name: "hotspot.airport.example", region: "eu-central" }],
  },
  enterprise: {
    name: "Corp Enterprise",
    roles: ["MSA"],
    realms: [{ name: "corp.example", region: "eu-west" }],
  },
  mobility: {
    name: "Mobility Services",
    roles: ["MSP"],
    realms: [{ name: "mobility.example", region: "eu-central" }],
  },
  startup: {
    name: "Startup Labs",
    roles: ["MSA"],
    realms: [{ name: "startup.example", region: "eu-west" }],
  },
} as const;

export type DemoProviderKey = keyof typeof DEMO_PROVIDERS;

export const DEMO_HOME_AGENTS: {
  key: string;
  provider: DemoProviderKey;
  name: string;
  fqdn: string;
  address: string;
  region: string;
  capacity: number;
  prefixes: string[];
}[] = [
  {
    key: "ha1",
    provider: "cellular",
    name: "ha1-west",
    fqdn: "ha1.west.cellular.example",
    address: "2001:db8:100::1",
    region: "eu-west",
    capacity: 400,
    prefixes: ["2001:db8:100:1::/64", "2001:db8:100:2::/64"],
  },
  {
    key: "ha2",
    provider: "cellular",
    name: "ha2-west",
    fqdn: "ha2.west.cellular.example",
    address: "2001:db8:100::2",
    region: "eu-west",
    capacity: 250,
    prefixes: ["2001:db8:100:3::/64"],
  },
  {
    key: "ha3",
    provider: "cellular",
    name: "ha3-central",
    fqdn: "ha3.central.cellular.example",
    address: "2001:db8:200::1",
    region: "eu-central",
    capacity: 300,
    prefixes: ["2001:db8:200:1::/64"],
  },
  {
    key: "ha4",
    provider: "mobility",
    name: "ha1-central",
    fqdn: "ha1.mobility.example",
    address: "2001:db8:300::1",
    region: "eu-central",
    capacity: 200,
    prefixes: ["2001:db8:300:1::/64"],
  },
];

/**
 * Serving realms where a cellular subscriber with a network-access identity at its own operator gets the
 * integrated-ASP scenario (DOMAIN.md rule 2): the operator's own access networks, and the airport, which
 * lets the operator's subscribers attach under a network-access agreement.
 */
export const INTEGRATED_SERVING_REALMS: ReadonlySet<string> = new Set([
  "mnc015.example-cellular.net",
  "cellular.example",
  "east.cellular.example",
  "hotspot.airport.example",
]);

/**
 * The third-party MSP's own access network. Mobility Services may assign its local HA to the cellular
 * operator's subscribers who attach here (a mobility agreement with allowLocalHomeAgent, RFC 4640 §5.2):
 * the scenario stays split (the home MSP is the MSA's), but the HA is the serving MSP's.
 */
export const LOCAL_HA_REALM = "mobility.example";
export const LOCAL_HA_FQDN = "ha1.mobility.example";

/** Where the demo MNs attach: their own operator's networks, the airport, and networks nobody knows. */
export const DEMO_SERVING_REALMS = [
  "mnc015.example-cellular.net",
  "mnc015.example-cellular.net",
  "east.cellular.example",
  "hotspot.airport.example",
  "hotspot.airport.example",
  "wifi.cafe.example",
  "",
];

const FIRST = [
  "alice", "bruno", "chloe", "dmitri", "elena", "farid", "greta", "hiro", "ines", "jonas", "kaia", "luca", "mira",
  "nils", "olga", "pavel", "quinn", "rosa", "sven", "tara", "ugo", "vera", "wim", "xenia", "yusuf", "zoe",
];
const LAST = [
  "andersen", "bauer", "costa", "dubois", "eriksson", "fischer", "garcia", "horvath", "ivanova", "jensen", "kowalski",
  "lindqvist", "moreau", "novak", "oliveira", "peeters", "quist", "rossi", "schmidt", "tanaka", "ueda", "varga",
];

/** Deterministic PRNG (mulberry32): the same demo every time, apart from secrets and session ids. */
export function demoRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `first.last<n>`: readable, unique user parts for NAIs. */
export function demoUserName(i: number): string {
  const first = FIRST[i % FIRST.length];
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
  return `${first}.${last}${i >= FIRST.length * LAST.length ? i : ""}`;
}
