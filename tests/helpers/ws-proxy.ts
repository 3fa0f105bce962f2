import net from "node:net";
import { pathToFileURL } from "node:url";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * A loopback WebSocket→TCP proxy, so the Neon serverless driver (which only speaks
 * WebSocket) can reach a plain local PostgreSQL. The target comes from `?address=host:port`,
 * as Neon's proxy does it, and only loopback targets are allowed.
 */
export type WsProxy = { port: number; address: string; close: () => Promise<void> };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function pipe(socket: WebSocket, target: string | null) {
  const match = target?.match(/^(.+):(\d+)$/);
  if (!match || !LOOPBACK.has(match[1]!)) {
    socket.close(1008, "only loopback targets are allowed");
    return;
  }
  const tcp = net.connect(Number(match[2]), match[1] === "localhost" ? "127.0.0.1" : match[1]!.replace(/^\[|\]$/g, ""));
  socket.on("message", (data: Buffer) => tcp.write(data));
  tcp.on("data", (chunk) => socket.readyState === socket.OPEN && socket.send(chunk));
  const end = () => {
    tcp.destroy();
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close();
  };
  tcp.on("close", end);
  tcp.on("error", end);
  socket.on("close", end);
  socket.on("error", end);
}

export async function startWsProxy(port = 0): Promise<WsProxy> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port });
  wss.on("connection", (socket, req) => pipe(socket, new URL(req.url ?? "/", "http://proxy").searchParams.get("address")));
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve);
    wss.once("error", reject);
  });
  const actual = (wss.address() as net.AddressInfo).port;
  return {
    port: actual,
    address: `127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

// Standalone: `npx tsx tests/helpers/ws-proxy.ts 6543`, then run the app with NEON_WS_PROXY=127.0.0.1:6543.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const proxy = await startWsProxy(Number(process.argv[2] ?? 6543));
  console.log(`ws→tcp proxy listening on ${proxy.address}; set NEON_WS_PROXY=${proxy.address}`);
}
