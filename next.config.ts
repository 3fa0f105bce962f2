import type { NextConfig } from "next";
import { headerRoutes } from "./lib/security-headers";
import { addCompileHints } from "./scripts/lib/compile-hints";

const PGLITE_FILES = ["node_modules/@electric-sql/pglite/**", ".next/node_modules/@electric-sql/pglite*/**", ".next/node_modules/@electric-sql/pglite*"];

const nextConfig: NextConfig = {
  // PGlite loads its WASM from node_modules; bundling it would also publish the files under /_next/static.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Lets parallel test runs (browser tests, restart tests, benchmarks) keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A Vercel deployment always has DATABASE_URL (the build fails without it), so the embedded
  // database's 16 MB of WASM and data would only weigh down every function. db/embedded.ts
  // loads it at run time, only when DATABASE_URL is unset, so nothing else refers to these files.
  ...(process.env.VERCEL ? { outputFileTracingExcludes: { "/**": PGLITE_FILES, "*": PGLITE_FILES } } : {}),
  // CSP, framing, nosniff, referrer, HSTS on every response; no-store on the API (lib/security-headers.ts).
  headers: async () => headerRoutes(),
  compiler: {
    // Lets V8 compile each page's first-load chunks off the main thread (decision 27).
    runAfterProductionCompile: async ({ distDir }) => {
      const hinted = addCompileHints(distDir);
      if (hinted.length === 0) throw new Error(`No first-load chunks found in ${distDir} to mark with a compile hint`);
    },
  },
};

export default nextConfig;
