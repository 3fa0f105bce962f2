import WebSocket from "ws";
// Lighthouse's own host benchmark (the figure a report prints as `benchmarkIndex`), run in the
// page before the audit so the audit's CPU slowdown can be chosen from it.
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";

/**
 * The CPU slowdown that makes a host of this `benchmarkIndex` emulate the phone Lighthouse's
 * mobile preset means. The preset's fixed 4× assumes a host of about 1,533; Lighthouse's
 * throttling guide ("Calibrating multipliers", docs/throttling.md) and its CPU-throttling
 * calculator give these anchors: 2,000 → 6×, 1,533 → 4×, 1,300 → 3×, 800 → 2×, 150 → 1×, linear
 * between them. A slow host thus gets less than 4× and a fast one more (decision 26).
 */
export function calibratedCpuMultiplier(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) return 4;
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return Math.max(1, 1 + (benchmarkIndex - 150) / 650);
}

type Target = { type: string; webSocketDebuggerUrl?: string };

/** Lighthouse's benchmarkIndex, measured `samples` times in the browser on `port`; returns the median. */
export async function measureBenchmarkIndex(port: number, samples = 3): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Target[];
  const page = targets.find((t) => t.type === "page" && t.webSocketDebuggerUrl);
  if (!page) throw new Error("no page target to measure the host CPU in");
  const socket = new WebSocket(page.webSocketDebuggerUrl!);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  try {
    const values: number[] = [];
    for (let id = 1; id <= samples; id++) {
      const reply = new Promise<{ result?: { result?: { value?: number } }; error?: { message: string } }>((resolve) =>
        socket.once("message", (data) => resolve(JSON.parse(String(data)))),
      );
      socket.send(JSON.stringify({ id, method: "Runtime.evaluate", params: { expression: `(${pageFunctions.computeBenchmarkIndex.toString()})()`, returnByValue: true } }));
      const answer = await reply;
      const value = answer.result?.result?.value;
      if (answer.error || typeof value !== "number") throw new Error(`benchmarkIndex: ${answer.error?.message ?? "no value"}`);
      values.push(value);
    }
    values.sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  } finally {
    socket.close();
  }
}
