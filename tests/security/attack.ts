import fs from "node:fs";
import type { App, Client } from "../reliability/harness";
import { withPg } from "../reliability/harness";

/** Small tools the security tests share on top of the reliability harness. */

export const mcpHeaders = (key: string) => ({ authorization: `Bearer ${key}`, accept: "application/json, text/event-stream", "content-type": "application/json" });
export const rpc = (name: string, args: unknown, id: number | string = 1) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });

export async function createKey(user: Client, name = "Security key"): Promise<string> {
  const res = await user.post("/api/keys", { name });
  if (res.status !== 201) throw new Error(`POST /api/keys → ${res.status} ${res.text.slice(0, 200)}`);
  return res.json.key as string;
}

export async function countRows(table: "tasks" | "conversations" | "messages" | "tool_calls", userId: string): Promise<number> {
  return withPg(async (c) => (await c.query(`select count(*)::int as n from ${table} where user_id = $1`, [userId])).rows[0].n as number);
}

/** Resident memory (bytes) of every process in the server's process group: `next start` and the server it forks. */
export function serverRss(app: App): number {
  const group = app.server?.child.pid;
  if (!group) throw new Error("the server is not running");
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the parenthesized command: state, ppid, pgrp.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== group) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** The highest serverRss seen while `work` runs, sampled every 25 ms. */
export async function peakRssDuring<T>(app: App, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = serverRss(app);
  const timer = setInterval(() => (peak = Math.max(peak, serverRss(app))), 25);
  try {
    const result = await work();
    peak = Math.max(peak, serverRss(app));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A chunked request body of `totalBytes` (no Content-Length), produced as it is read, so the
 * client holds 64 KiB at a time. All JSON whitespace: only its size can be the reason to refuse it.
 */
export function chunkedBody(totalBytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}
