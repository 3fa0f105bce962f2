/** Builds requests for route handlers the way Next passes them, with the session cookie. */
export function jsonRequest(url: string, init: { method?: string; body?: unknown; rawBody?: string; cookie?: string; contentType?: string } = {}) {
  const headers = new Headers();
  if (init.cookie) headers.set("cookie", init.cookie);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers.set("content-type", init.contentType ?? "application/json");
  return new Request(new URL(url, "http://localhost:3000"), { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

export function params<T extends Record<string, string>>(value: T) {
  return { params: Promise.resolve(value) };
}

export async function readJson(res: Response) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`Expected JSON, got ${res.status}: ${text.slice(0, 200)}`);
  }
}
