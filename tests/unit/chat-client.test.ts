import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatHttpError, chatRequests, createSseParser, streamRequest } from "@/lib/chatkit/client";
import { EDIT_USER_MESSAGE, jsonRequestSchema, streamingRequestSchema, type ChatKitEvent } from "@/lib/chatkit/schemas";

const THREAD = "3f0c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f";

describe("chatRequests", () => {
  it("builds bodies the server's schemas accept", () => {
    for (const body of [
      chatRequests.createThread("add buy milk"),
      chatRequests.addUserMessage(THREAD, "what's left?"),
      chatRequests.retryAfterItem(THREAD, "msg_abcd1234"),
      chatRequests.editUserMessage(THREAD, "msg_abcd1234", "add buy bread"),
      chatRequests.customAction(THREAD, "wdg_abcd1234", { type: "tasks.confirm", payload: {} }),
    ])
      expect(streamingRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
    for (const body of [
      chatRequests.listThreads({ limit: 30 }),
      chatRequests.getThread(THREAD),
      chatRequests.updateThread(THREAD, "Groceries"),
      chatRequests.deleteThread(THREAD),
      chatRequests.listItems(THREAD, { after: "msg_abcd1234" }),
    ])
      expect(jsonRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
  });

  it("pages older items 50 at a time, newest first", () => {
    // The client spells the edit op out (importing it would bring zod into the browser): it must be the server's.
    expect(chatRequests.editUserMessage(THREAD, "msg_abcd1234", "x").type).toBe(EDIT_USER_MESSAGE);
    expect(chatRequests.listItems(THREAD)).toEqual({ type: "items.list", params: { thread_id: THREAD, limit: 50, order: "desc" } });
    expect(chatRequests.listItems(THREAD, { limit: 20 })).toEqual({ type: "items.list", params: { thread_id: THREAD, limit: 20, order: "desc" } });
  });
});

describe("createSseParser", () => {
  it("parses frames split anywhere, ignores comments and bad frames, and flushes the last frame", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const events: ChatKitEvent[] = [];
    const parser = createSseParser((e) => events.push(e));
    const a = `data: ${JSON.stringify({ type: "progress_update", text: "Working…" })}\n\n`;
    const b = `: ping\ndata: ${JSON.stringify({ type: "stream_options", stream_options: { allow_cancel: true } })}\r\n\r\n`;
    const stream = `${a}${b}data: not json\n\ndata: ${JSON.stringify({ type: "thread.item.removed", item_id: "msg_1" })}`;
    const bytes = new TextEncoder().encode(stream);
    for (let i = 0; i < bytes.length; i += 7) parser.push(bytes.subarray(i, i + 7));
    expect(events.map((e) => e.type)).toEqual(["progress_update", "stream_options"]);
    parser.end();
    expect(events.map((e) => e.type)).toEqual(["progress_update", "stream_options", "thread.item.removed"]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

describe("streamRequest", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads events as the body arrives", async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode(`data: {"type":"progress_update","text":"a"}\n\ndata: {"type":"progress`));
        c.enqueue(encoder.encode(`_update","text":"b"}\n\n`));
        c.close();
      },
    });
    const fetchMock = vi.fn(async () => new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8" } }));
    vi.stubGlobal("fetch", fetchMock);
    const seen: string[] = [];
    await streamRequest(chatRequests.createThread("hi"), (e) => seen.push(e.type === "progress_update" ? e.text : e.type));
    expect(seen).toEqual(["a", "b"]);
    expect(fetchMock).toHaveBeenCalledWith("/api/chat", expect.objectContaining({ method: "POST", credentials: "same-origin", headers: expect.objectContaining({ accept: "text/event-stream" }) }));
  });

  it("Stop (abort) ends the read at once, even when the body does not end, and applies nothing after it", async () => {
    const encoder = new TextEncoder();
    let push: (text: string) => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        push = (text) => {
          try {
            c.enqueue(encoder.encode(text));
          } catch {
            // The reader cancelled the stream: what the server sends now goes nowhere.
          }
        };
      },
    });
    vi.stubGlobal("fetch", vi.fn(async () => new Response(body, { headers: { "content-type": "text/event-stream" } })));
    const controller = new AbortController();
    const seen: string[] = [];
    const done = streamRequest(chatRequests.createThread("hi"), (e) => seen.push(e.type === "progress_update" ? e.text : e.type), controller.signal).catch((e: unknown) => e);
    push(`data: {"type":"progress_update","text":"a"}\n\n`);
    await vi.waitFor(() => expect(seen).toEqual(["a"]));
    controller.abort();
    push(`data: {"type":"progress_update","text":"b"}\n\n`);
    expect(await done).toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["a"]);
  });

  it("turns a 4xx/5xx JSON answer into ChatHttpError with its message", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ error: "conflict", message: "This conversation is busy." }, { status: 409 })));
    const error = await streamRequest(chatRequests.createThread("hi"), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatHttpError);
    expect(error).toMatchObject({ status: 409, message: "This conversation is busy." });
  });
});
