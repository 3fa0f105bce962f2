import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIP } from "@better-auth/core/utils/ip";
import { clientIpHeaders, installPeerAddressStamp, peerAddressHeader, peerAddressStampInstalled, stampPeerAddress } from "@/lib/client-ip";

describe("clientIpHeaders", () => {
  it("on Vercel trusts only the headers Vercel's edge overwrites", () => {
    expect(clientIpHeaders({ VERCEL: "1", TRUSTED_PROXY_HEADER: "x-forwarded-for" })).toEqual(["x-vercel-forwarded-for", "x-real-ip"]);
  });

  it("behind your own proxy trusts the header TRUSTED_PROXY_HEADER names, lowercased", () => {
    expect(clientIpHeaders({ TRUSTED_PROXY_HEADER: " X-Real-IP " })).toEqual(["x-real-ip"]);
  });

  it("refuses a TRUSTED_PROXY_HEADER that is not a header name", () => {
    expect(() => clientIpHeaders({ TRUSTED_PROXY_HEADER: "x-real-ip, x-forwarded-for" })).toThrow(/TRUSTED_PROXY_HEADER/);
  });

  it("otherwise trusts only the stamped peer address, never X-Forwarded-For", () => {
    const headers = clientIpHeaders({});
    expect(headers).toEqual([peerAddressHeader()]);
    expect(headers[0]).toMatch(/^x-tasktalk-peer-[0-9a-f]{24}$/);
    expect(headers).not.toContain("x-forwarded-for");
  });
});

describe("Better Auth with these headers", () => {
  const options = (env: Record<string, string>) => ({ advanced: { ipAddress: { ipAddressHeaders: clientIpHeaders(env) } } });
  const request = (headers: Record<string, string>) => new Request("http://localhost/api/auth/sign-in/email", { headers });

  it("ignores a client's X-Forwarded-For unless a proxy is declared to set it", () => {
    const forged = request({ "x-forwarded-for": "203.0.113.9" });
    // NODE_ENV is test here, where Better Auth answers 127.0.0.1 for "no trusted IP".
    expect(getIP(forged, options({}))).toBe("127.0.0.1");
    expect(getIP(forged, options({ TRUSTED_PROXY_HEADER: "x-forwarded-for" }))).toBe("203.0.113.9");
  });

  it("reads the stamped peer address", () => {
    expect(getIP(request({ [peerAddressHeader()]: "::ffff:198.51.100.4", "x-forwarded-for": "203.0.113.9" }), options({}))).toBe("198.51.100.4");
  });
});

describe("stampPeerAddress", () => {
  it("replaces anything the client sent under the prefix with the socket address", () => {
    const req = { headers: { "x-tasktalk-peer-0000": "1.2.3.4", [peerAddressHeader()]: "5.6.7.8", host: "x" }, socket: { remoteAddress: "10.0.0.7" } };
    stampPeerAddress(req as unknown as http.IncomingMessage);
    expect(req.headers).toEqual({ host: "x", [peerAddressHeader()]: "10.0.0.7" });
  });
});

describe("installPeerAddressStamp on a real HTTP server", () => {
  let server: http.Server;
  let seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    // Created before the stamp is installed, like the server `next start` creates before instrumentation runs.
    server = http.createServer((req, res) => {
      seen.push({ ...req.headers });
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    installPeerAddressStamp(http);
    installPeerAddressStamp(http);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("stamps every request with the TCP peer, whatever the client claims", async () => {
    seen = [];
    const { port } = server.address() as { port: number };
    const name = peerAddressHeader();
    await (await fetch(`http://127.0.0.1:${port}/`, { headers: { [name]: "203.0.113.1", "x-forwarded-for": "203.0.113.2" } })).text();
    expect(peerAddressStampInstalled()).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]![name]).toBe("127.0.0.1");
    expect(seen[0]!["x-forwarded-for"]).toBe("203.0.113.2");
  });
});
