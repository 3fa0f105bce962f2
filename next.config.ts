import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM from node_modules; bundling it would also publish the files under /_next/static.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Lets parallel test runs (browser tests, restart tests, benchmarks) keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
