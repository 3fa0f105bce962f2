-- Rows paused before this column keep null: the reader takes their count from `state` (lib/chatkit/stored.ts, parsePausedRun).
ALTER TABLE "paused_runs" ADD COLUMN "prior_item_count" integer;
