import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "@/lib/db/provider";

// Environment, parsed once. Every knob an operator can turn is listed here (and in the README).
const intFromEnv = (def: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? def : Number(v)), z.number().int().min(0));

const EnvSchema = z.object({
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  PORT: intFromEnv(3000),
  CONSOLE_SECRET_KEY: z.string().optional(),
  CONSOLE_KEY_FILE: z.string().default("./data/console.key"),
  CONSOLE_ADMIN_EMAIL: z.string().default("admin@localhost"),
  CONSOLE_ADMIN_PASSWORD: z.string().optional(),
  CONSOLE_DEMO: z.string().default("1"),
  BOOTSTRAP_MAX_SKEW_SECONDS: intFromEnv(300),
  BOOTSTRAP_KEY_LIFETIME_SECONDS: intFromEnv(86400),
  BOOTSTRAP_RATE_PER_NAI: intFromEnv(0),
  BOOTSTRAP_RATE_PER_SOURCE: intFromEnv(0),
  /** sign-in attempts per minute per source address / per email, counted before any password work; 0 = off */
  SIGNIN_RATE_PER_SOURCE: intFromEnv(60),
  SIGNIN_RATE_PER_EMAIL: intFromEnv(20),
  /** "auto": the server runs background jobs (renumbering); "manual": only explicit runJob calls (tests, CLI) */
  JOB_RUNNER: z.enum(["auto", "manual"]).default("auto"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | null = null;

export function env(): Env {
  if (!cached) cached = EnvSchema.parse(process.env);
  return cached;
}

/** Tests change the environment between cases. */
export function resetEnvCache(): void {
  cached = null;
}
