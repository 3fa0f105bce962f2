// Lets tsx scripts (eval, bench) import server modules: `server-only` marks them and throws
// outside React Server Components on purpose, so here it resolves to its no-op build, as it
// does on the server inside Next.js. Usage: tsx --import ./scripts/server-only-hook.mjs <script>
import { register } from "node:module";

register("./server-only-resolve.mjs", import.meta.url);
