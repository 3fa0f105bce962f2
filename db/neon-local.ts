import "server-only";
import { neonConfig } from "@neondatabase/serverless";

/**
 * Points the Neon serverless driver at a local WebSocket→TCP proxy (tests, or a local
 * PostgreSQL during development). Neon's cloud proxy speaks TLS and pipelines the startup
 * messages; a plain local server can do neither, so all four settings are needed.
 */
export function configureNeonForLocalProxy(proxy = process.env.NEON_WS_PROXY): void {
  if (!proxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}
