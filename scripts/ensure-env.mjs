// Makes `npm install && npm run dev` work on a fresh clone: writes .env.local with a random
// BETTER_AUTH_SECRET when the file does not exist. It never overwrites an existing file.
// On Vercel it writes nothing and fails instead when the secret is missing (scripts/lib/build-env.mjs).
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkBuildEnv } from "./lib/build-env.mjs";

const file = path.join(process.cwd(), ".env.local");

const problem = checkBuildEnv();
if (problem) {
  console.error(`ensure-env: ${problem}`);
  process.exit(1);
} else if (process.env.BETTER_AUTH_SECRET) {
  // The environment already provides a secret (CI, Vercel): nothing to write.
} else if (existsSync(file)) {
  // Keep whatever the developer has; rotating the secret would sign everyone out.
} else {
  const port = process.env.PORT ?? "3000";
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(
    file,
    [
      "# Written by scripts/ensure-env.mjs on first run. Safe to edit; never committed.",
      `BETTER_AUTH_SECRET=${secret}`,
      `BETTER_AUTH_URL=http://localhost:${port}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  console.log(`ensure-env: wrote ${path.relative(process.cwd(), file)} with a new BETTER_AUTH_SECRET`);
}
