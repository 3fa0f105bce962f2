export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { migrateEmbedded } = await import("./db");
  await migrateEmbedded();
}
