// `npm run db:migrate`: applies db/migrations to DATABASE_URL_UNPOOLED or DATABASE_URL.
import { migrationUrl, NO_URL_MESSAGE, runMigrations } from "./lib/migrate.mjs";

const url = migrationUrl();
if (!url) {
  console.error(`db:migrate: ${NO_URL_MESSAGE}`);
  process.exit(1);
}
try {
  await runMigrations(url);
} catch (error) {
  console.error(`db:migrate: migration failed: ${error.message}`);
  process.exit(1);
}
