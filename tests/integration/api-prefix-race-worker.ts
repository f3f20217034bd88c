// Child process for api-concurrency.test.ts: creates one prefix and prints the outcome as JSON.
async function main() {
  const [homeAgentId, prefix] = process.argv.slice(2);
  const { createPrefix } = await import("@/lib/services/prefixes");
  const { systemActor } = await import("@/lib/auth/actor");
  const { disconnectDb } = await import("@/lib/db/client");
  try {
    await createPrefix(systemActor("race"), { homeAgentId, prefix });
    console.log(JSON.stringify({ prefix, status: 201 }));
  } catch (e) {
    const status = (e as { status?: number }).status ?? 500;
    console.log(JSON.stringify({ prefix, status, message: status === 500 ? String(e) : undefined }));
  } finally {
    await disconnectDb();
  }
}
void main();

export {};
