CREATE TABLE "chat_rate_limits" (
	"user_id" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "turn_lock_token" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "turn_lock_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tool_calls" ADD COLUMN "call_id" text;--> statement-breakpoint
ALTER TABLE "chat_rate_limits" ADD CONSTRAINT "chat_rate_limits_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_visible_seq_idx" ON "messages" USING btree ("conversation_id","seq") WHERE "messages"."hidden" = false;