CREATE TABLE "funding_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder" text NOT NULL,
	"label" text NOT NULL,
	"axis" text,
	"organisation_kind" text,
	"mode" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	CONSTRAINT "funding_rule_mode" CHECK ("funding_rule"."mode" in ('per_trainee_hour', 'per_course_hour', 'envelope')),
	CONSTRAINT "funding_rule_amount_positive" CHECK ("funding_rule"."amount_cents" > 0),
	CONSTRAINT "funding_rule_dates_ordered" CHECK ("funding_rule"."valid_to" is null or "funding_rule"."valid_to" >= "funding_rule"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "funding_rule" ADD CONSTRAINT "funding_rule_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_rule" ADD CONSTRAINT "funding_rule_ended_by_user_account_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_rule_funder_idx" ON "funding_rule" USING btree ("funder","valid_from");