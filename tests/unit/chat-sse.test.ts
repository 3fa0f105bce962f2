import { afterEach, describe, expect, it, vi } from "vitest";
import { chatRequests, createSseParser, streamRequest } from "@/lib/chatkit/client";
import type { ChatKitEvent } from "@/lib/chatkit/schemas";

/**
 * The chat client's SSE reading, byte by byte: whatever way the network cuts the body into
 * chunks and whatever line endings the stream uses, every event arrives exactly once, in order.
 */

const encoder = new TextEncoder();
const BOM = "\uFEFF";
const LINE_ENDINGS = { LF: "\n", CRLF: "\r\n", CR: "\r" } as const;

// Texts with 2-, 3- and 4-byte UTF-8 characters, so that some splits fall inside one.
const CAFE: ChatKitEvent = { type: "progress_update", text: "Café" };
const WORKING: ChatKitEvent = { type: "progress_update", text: "Working… ☕" };
const MILK: ChatKitEvent = { type: "progress_update", text: "Buy milk 🥛" };
const OPTIONS: ChatKitEvent = { type: "stream_options", stream_options: { allow_cancel: true } };
const EXPECTED = [CAFE, WORKING, MILK, OPTIONS];

/** A stream of EXPECTED as a server might send it: a BOM, comments, other fields, a multi-line data. */
function sseStream(eol: string): string {
  const data = (event: ChatKitEvent) => `data: ${JSON.stringify(event)}${eol}`;
  const milkJson = JSON.stringify(MILK);
  const afterType = milkJson.indexOf(",") + 1; // split between two members, where a line feed is JSON whitespace
  return [
    `${BOM}: keepalive${eol}`,
    `${data(CAFE)}${eol}`,
    `: keepalive${eol}${eol}`,
    `id: 7${eol}event: message${eol}retry: 1000${eol}${data(WORKING)}${eol}`,
    // One event's JSON over two `data:` lines: the parser joins them with a line feed.
    `data: ${milkJson.slice(0, afterType)}${eol}data:${milkJson.slice(afterType)}${eol}${eol}`,
    `${data(OPTIONS)}${eol}`,
  ].join("");
}

function parseChunks(chunks: Uint8Array[]): ChatKitEvent[] {
  const events: ChatKitEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe("createSseParser", () => {
  for (const [name, eol] of Object.entries(LINE_ENDINGS)) {
    it(`reads a ${name} stream split into two chunks at every byte`, () => {
      const bytes = encoder.encode(sseStream(eol));
      for (let at = 0; at <= bytes.length; at++) {
        expect(parseChunks([bytes.subarray(0, at), bytes.subarray(at)]), `split at byte ${at}`).toEqual(EXPECTED);
      }
    });

    it(`reads a ${name} stream fed one byte at a time`, () => {
      const bytes = encoder.encode(sseStream(eol));
      expect(parseChunks(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(EXPECTED);
    });
  }

  it("reads both events when a CRLF is split between chunks", () => {
    // A CRLF split inside a multi-line event once read as a blank line, cutting the event's JSON in two.
    const chunks = [`data: {"type":"progress_update",\r`, `\ndata: "text":"Café"}\r\n\r`, `\ndata: ${JSON.stringify(WORKING)}\r`, "\n\r\n"];
    expect(parseChunks(chunks.map((chunk) => encoder.encode(chunk)))).toEqual([CAFE, WORKING]);
  });

  it("reads the first event when the stream starts with a BOM", () => {
    expect(parseChunks([encoder.encode(`${BOM}data: ${JSON.stringify(CAFE)}\n\n`)])).toEqual([CAFE]);
  });

  it("reads a character split between chunks", () => {
    const bytes = encoder.encode(`data: ${JSON.stringify(MILK)}\n\n`);
    const inMilkEmoji = bytes.length - 6; // two bytes into the emoji, which comes just before `"}\n\n`
    expect(parseChunks([bytes.subarray(0, inMilkEmoji), bytes.subarray(inMilkEmoji)])).toEqual([MILK]);
  });
});

describe("streamRequest", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("applies every event once, in order, whatever the chunks of the body", async () => {
    const bytes = encoder.encode(sseStream("\r\n"));
    const chunkSize = 5; // cuts through CRLFs and multi-byte characters alike
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize));
        controller.close();
      },
    });
    vi.stubGlobal("fetch", vi.fn(async () => new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8" } })));
    const seen: ChatKitEvent[] = [];
    await streamRequest(chatRequests.createThread("hi"), (event) => seen.push(event));
    expect(seen).toEqual(EXPECTED);
  });
});
