CREATE TABLE "broadcast_call" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chat_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "broadcast_channel" (
	"chat_id" text PRIMARY KEY NOT NULL,
	"paused_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "broadcast_job" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"change" text NOT NULL,
	"wanted_version" integer DEFAULT 1 NOT NULL,
	"done_version" integer DEFAULT 0 NOT NULL,
	"claimed_version" integer,
	"phase" text DEFAULT 'idle' NOT NULL,
	"sending_action" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"run_after" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"last_error" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "broadcast_post" (
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"chat_id" text NOT NULL,
	"message_id" bigint,
	"state" text NOT NULL,
	"text_hash" text,
	"snapshot" jsonb,
	"posted_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "broadcast_post_kind_subject_pk" PRIMARY KEY("kind","subject")
);
--> statement-breakpoint
CREATE INDEX "broadcast_call_chat_at_idx" ON "broadcast_call" USING btree ("chat_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_job_subject_idx" ON "broadcast_job" USING btree ("kind","subject");--> statement-breakpoint
CREATE INDEX "broadcast_job_pending_idx" ON "broadcast_job" USING btree ("queued_at","seq") WHERE wanted_version > done_version;