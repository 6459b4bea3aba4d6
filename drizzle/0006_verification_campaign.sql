CREATE TABLE "campaign_organisation" (
	"campaign_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'to_do' NOT NULL,
	"method" text,
	"token_hash" text,
	"handled_services" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"first_sent_at" timestamp with time zone,
	"last_sent_at" timestamp with time zone,
	"sent_count" integer DEFAULT 0 NOT NULL,
	"reminded_at" timestamp with time zone,
	"reminder_count" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	CONSTRAINT "campaign_organisation_campaign_id_organisation_id_pk" PRIMARY KEY("campaign_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "freshness_reminder" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_campaign" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"nis_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"organisation_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"sections" text[] DEFAULT '{}'::text[] NOT NULL,
	"reminder_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"launched_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "service" ADD COLUMN "update_frequency_months" smallint DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_organisation" ADD CONSTRAINT "campaign_organisation_campaign_id_verification_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."verification_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_organisation" ADD CONSTRAINT "campaign_organisation_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_organisation" ADD CONSTRAINT "campaign_organisation_completed_by_user_account_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freshness_reminder" ADD CONSTRAINT "freshness_reminder_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_campaign" ADD CONSTRAINT "verification_campaign_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_organisation_token_idx" ON "campaign_organisation" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "campaign_organisation_org_idx" ON "campaign_organisation" USING btree ("organisation_id");