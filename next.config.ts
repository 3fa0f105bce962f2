import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM from node_modules; bundling it would also publish the files under /_next/static.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
};

export default nextConfig;
