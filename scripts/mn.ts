// Mobile node command line: `npm run mn -- bootstrap|status ...` (spec/bootstrap-v1.md, MN side).
// Prints JSON; never prints the root secret or the PSK. Exit code 0 on success, 1 on a refused or
// unverifiable answer, 2 on bad usage.
import { parseArgs } from "node:util";
import { defaultConsoleUrl } from "@/lib/mn/default-url";
import { joinOptionValues } from "@/lib/cli/args";
import { bootstrap, status, httpTransport } from "@/lib/mn/client";
import { HOME_ADDRESS_MODES, type HomeAddressMode } from "@/lib/domain/home-address";

const USAGE = `usage:
  npm run mn -- bootstrap --nai <nai> --secret <base64url> [--serving <realm>] [--mode dynamic|static|privacy]
                          [--trigger boot|prefix-change|periodic|network|manual] [--url http://localhost:$PORT]
  npm run mn -- status --nai <nai> --secret <base64url> [--url http://localhost:$PORT]
The secret may also come from the MN_SECRET environment variable (keeps it out of shell history).`;

function usage(message?: string): never {
  if (message) console.error(`mn: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== "bootstrap" && command !== "status") usage(command ? `unknown command "${command}"` : undefined);
  let values;
  try {
    ({ values } = parseArgs({
      args: joinOptionValues(rest, ["nai", "secret", "serving", "mode", "trigger", "url"]),
      options: {
        nai: { type: "string" },
        secret: { type: "string" },
        serving: { type: "string", default: "" },
        mode: { type: "string", default: "dynamic" },
        trigger: { type: "string", default: "boot" },
        url: { type: "string", default: defaultConsoleUrl() },
      },
      strict: true,
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const secret = values.secret ?? process.env.MN_SECRET;
  if (!values.nai) usage("--nai is required");
  if (!secret) usage("--secret is required");
  if (!(HOME_ADDRESS_MODES as readonly string[]).includes(values.mode)) usage(`--mode must be one of ${HOME_ADDRESS_MODES.join(", ")}`);
  const transport = httpTransport(values.url);

  let result;
  try {
    result =
      command === "bootstrap"
        ? await bootstrap({ transport, nai: values.nai, secret, servingRealm: values.serving, mode: values.mode as HomeAddressMode, trigger: values.trigger })
        : await status({ transport, nai: values.nai, secret });
  } catch (e) {
    usage((e as Error).message);
  }
  if (!result.ok) {
    console.log(JSON.stringify(result, null, 2));
    return 1;
  }
  if ("psk" in result) {
    const { psk: _psk, ...shown } = result;
    void _psk;
    console.log(JSON.stringify({ ...shown, pskDerived: true, keyNameVerified: true, macVerified: true }, null, 2));
  } else {
    console.log(JSON.stringify({ ...result, macVerified: true }, null, 2));
  }
  return 0;
}

main().then((code) => process.exit(code));
