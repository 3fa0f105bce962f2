import { randomBytes } from "node:crypto";

/** Opaque, URL-safe item ids in ChatKit's style: `msg_…`, `wf_…`. */
export function newItemId(prefix: "msg" | "wf" | "wdg" | "hid" = "msg"): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

export function newToken(): string {
  return randomBytes(16).toString("hex");
}
