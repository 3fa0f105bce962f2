export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Rate limits need the client's real address; see lib/client-ip.ts.
  const { installPeerAddressStamp } = await import("./lib/client-ip");
  installPeerAddressStamp(await import("node:http"));
  const { migrateEmbedded } = await import("./db");
  await migrateEmbedded();
}
