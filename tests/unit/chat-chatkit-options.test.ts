import { afterEach, describe, expect, it, vi } from "vitest";
import { chatKitFetch, chatKitOptions, DEV_DOMAIN_KEY, resolveDomainKey } from "@/components/chat/chatkit-options";

const base = { colorScheme: "light" as const, offline: false };

describe("chatKitOptions", () => {
  it("points ChatKit at our endpoint with the domain key and our fetch", () => {
    const options = chatKitOptions({ ...base, domainKey: "domain_pk_123" });
    expect(options.api).toEqual({ url: "/api/chat", domainKey: "domain_pk_123", fetch: chatKitFetch });
  });

  it("uses the localhost placeholder key when none is given", () => {
    expect(chatKitOptions(base).api).toMatchObject({ domainKey: "domain_pk_localhost_dev" });
    expect(DEV_DOMAIN_KEY).toBe("domain_pk_localhost_dev");
  });

  it("enables history with rename and delete, feedback and retry", () => {
    const options = chatKitOptions(base);
    expect(options.history).toEqual({ enabled: true, showDelete: true, showRename: true });
    expect(options.threadItemActions).toEqual({ feedback: true, retry: true });
  });

  it("turns off attachments and dictation, and offers no composer tools or models", () => {
    const { composer } = chatKitOptions(base);
    expect(composer?.attachments).toEqual({ enabled: false });
    expect(composer?.dictation).toEqual({ enabled: false });
    expect(composer).not.toHaveProperty("tools");
    expect(composer).not.toHaveProperty("models");
    expect(composer?.placeholder).toBeTruthy();
  });

  it("follows the app's colour scheme", () => {
    expect(chatKitOptions({ ...base, colorScheme: "dark" }).theme).toMatchObject({ colorScheme: "dark" });
    expect(chatKitOptions(base).theme).toMatchObject({ colorScheme: "light" });
  });

  it("shows the offline grammar's examples as start-screen prompts when offline", () => {
    const examples = ["add buy milk tomorrow", "what's left?"];
    const options = chatKitOptions({ ...base, offline: true, examples });
    expect(options.startScreen?.prompts?.map((p) => p.prompt)).toEqual(examples);
    expect(options.startScreen?.prompts?.[0]?.label).toBe("Add buy milk tomorrow");
    expect(options.startScreen?.greeting).toMatch(/offline/);
    expect(options.disclaimer?.text).toMatch(/offline/);
    const online = chatKitOptions(base);
    expect(online.startScreen?.prompts?.length).toBeGreaterThan(0);
    expect(online).not.toHaveProperty("disclaimer");
  });

  it("passes event handlers through and leaves out the ones not given", () => {
    const onError = vi.fn();
    const onResponseEnd = vi.fn();
    const options = chatKitOptions({ ...base, onError, onResponseEnd });
    expect(options.onError).toBe(onError);
    expect(options.onResponseEnd).toBe(onResponseEnd);
    expect(options).not.toHaveProperty("onThreadChange");
  });
});

describe("resolveDomainKey", () => {
  it("prefers NEXT_PUBLIC_CHATKIT_DOMAIN_KEY, else the placeholder in development or on localhost", () => {
    expect(resolveDomainKey({ envKey: "domain_pk_live", nodeEnv: "production", hostname: "tasks.example.com" })).toBe("domain_pk_live");
    expect(resolveDomainKey({ nodeEnv: "development", hostname: "tasks.example.com" })).toBe(DEV_DOMAIN_KEY);
    expect(resolveDomainKey({ envKey: "", nodeEnv: "production", hostname: "localhost" })).toBe(DEV_DOMAIN_KEY);
    expect(resolveDomainKey({ nodeEnv: "production", hostname: "tasks.example.com" })).toBeNull();
  });
});

describe("chatKitFetch", () => {
  const fetchMock = vi.fn(async () => new Response("{}"));

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockClear();
  });

  function stub(origin = "http://localhost:3000") {
    vi.stubGlobal("location", new URL(`${origin}/chat`));
    vi.stubGlobal("fetch", fetchMock);
  }

  it("adds same-origin credentials to calls to our own endpoint, keeping the rest of init", async () => {
    stub();
    const signal = new AbortController().signal;
    const init: RequestInit = { method: "POST", body: "{}", headers: { "content-type": "application/json" }, signal };
    await chatKitFetch("/api/chat", init);
    expect(fetchMock).toHaveBeenCalledWith("/api/chat", { ...init, credentials: "same-origin" });
    await chatKitFetch(new URL("http://localhost:3000/api/chat"), init);
    expect(fetchMock).toHaveBeenLastCalledWith(new URL("http://localhost:3000/api/chat"), { ...init, credentials: "same-origin" });
  });

  it("passes a third-party URL through untouched", async () => {
    stub();
    const init: RequestInit = { method: "PUT", body: "bytes", headers: { "x-amz-acl": "private" } };
    await chatKitFetch("https://uploads.example.com/bucket/file?sig=abc", init);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, passed] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("https://uploads.example.com/bucket/file?sig=abc");
    expect(passed).toBe(init);
    expect(passed).not.toHaveProperty("credentials");
    await chatKitFetch("https://cdn.platform.openai.com/x");
    expect(fetchMock).toHaveBeenLastCalledWith("https://cdn.platform.openai.com/x", undefined);
  });
});
