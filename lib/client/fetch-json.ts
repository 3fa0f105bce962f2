/**
 * The browser's one way to call our JSON API: same-origin, no caching, JSON in and out, and
 * one error type. Every failure becomes an ApiError with a message a user can read: the
 * server's own (`{ message, fields }` from lib/http.ts), or a plain one for a network
 * failure (status 0) or an ended session (401).
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const NETWORK_ERROR_MESSAGE = "Could not reach the server. Check your connection and try again.";
export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue.";

export type JsonInit = Omit<RequestInit, "body"> & { body?: unknown };

export async function fetchJson<T>(url: string, init: JsonInit = {}): Promise<T> {
  const { body, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      credentials: "same-origin",
      cache: "no-store",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(NETWORK_ERROR_MESSAGE, 0);
  }
  const parsed: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const err = (parsed ?? {}) as { message?: unknown; fields?: unknown };
    const message =
      res.status === 401 ? SESSION_ENDED_MESSAGE : typeof err.message === "string" ? err.message : `The request failed (${res.status}).`;
    const fields = err.fields && typeof err.fields === "object" ? (err.fields as Record<string, string>) : {};
    throw new ApiError(message, res.status, fields);
  }
  return parsed as T;
}

/** The message to show for any error a fetchJson call threw. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : "Something went wrong. Try again.";
}

/** SWR's fetcher: a key is the URL. */
export const jsonFetcher = <T>(url: string) => fetchJson<T>(url);
