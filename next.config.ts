import type { NextConfig } from "next";
import { headerRoutes } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // PGlite loads its WASM from node_modules; bundling it would also publish the files under /_next/static.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Lets parallel test runs (browser tests, restart tests, benchmarks) keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // CSP, framing, nosniff, referrer, HSTS on every response; no-store on the API (lib/security-headers.ts).
  headers: async () => headerRoutes(),
};

export default nextConfig;
