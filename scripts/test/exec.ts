// Small process helpers for the test scripts: run a command with its output shown live, and report
// what it counted. Every runner's output is passed through untouched; counting reads its summary.
import { spawn } from "node:child_process";
import net from "node:net";

export type Counts = { passed: number; failed: number };

export type RunResult = { code: number; output: string; ms: number };

/** Run to completion with stdout/stderr streamed through, returning the exit code and captured stdout+stderr. */
export function runLive(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: string[] = [];
    p.stdout.on("data", (b: Buffer) => {
      process.stdout.write(b);
      chunks.push(b.toString("utf8"));
    });
    p.stderr.on("data", (b: Buffer) => {
      process.stderr.write(b);
      chunks.push(b.toString("utf8"));
    });
    p.on("error", (e) => {
      chunks.push(String(e));
      resolve({ code: 127, output: chunks.join(""), ms: Date.now() - t0 });
    });
    p.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: chunks.join(""), ms: Date.now() - t0 }));
  });
}

/** The top-level summary of a node:test TAP stream: the last `# pass N` / `# fail N` / `# cancelled N`. */
export function parseTapCounts(tap: string): Counts | null {
  const last = (name: string): number | null => {
    const all = [...tap.matchAll(new RegExp(`^# ${name} (\\d+)$`, "gm"))];
    return all.length ? Number(all[all.length - 1][1]) : null;
  };
  const pass = last("pass");
  const fail = last("fail");
  if (pass === null || fail === null) return null;
  return { passed: pass, failed: fail + (last("cancelled") ?? 0) };
}

/** A TCP port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
