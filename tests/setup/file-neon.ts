import { afterAll, inject } from "vitest";
import { closeDb } from "../../db";

process.env.DATABASE_URL = inject("testPgUrl");
process.env.NEON_WS_PROXY = inject("neonWsProxy");

afterAll(() => closeDb());
