CREATE TABLE "case_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text,
	"pseudonymous" boolean DEFAULT false NOT NULL,
	"birth_year" integer,
	"birth_date" date,
	"preferred_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"nis_code" text,
	"phone" text,
	"email" text,
	"assigned_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_grant" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_file_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"sections" text[] NOT NULL,
	"consent_id" uuid NOT NULL,
	"referral_id" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "consent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_file_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"organisation_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"sections" text[] DEFAULT '{}'::text[] NOT NULL,
	"language" text NOT NULL,
	"interpreter" boolean DEFAULT false NOT NULL,
	"given_on" date NOT NULL,
	"expires_on" date,
	"recorded_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_file" ADD CONSTRAINT "case_file_owner_organisation_id_organisation_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file" ADD CONSTRAINT "case_file_nis_code_municipality_nis_code_fk" FOREIGN KEY ("nis_code") REFERENCES "public"."municipality"("nis_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file" ADD CONSTRAINT "case_file_assigned_user_id_user_account_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file" ADD CONSTRAINT "case_file_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_grant" ADD CONSTRAINT "case_grant_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_grant" ADD CONSTRAINT "case_grant_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_grant" ADD CONSTRAINT "case_grant_consent_id_consent_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_recorded_by_user_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_revoked_by_user_account_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_file_owner_status_idx" ON "case_file" USING btree ("owner_organisation_id","status","last_activity_at");--> statement-breakpoint
CREATE INDEX "case_file_assigned_idx" ON "case_file" USING btree ("assigned_user_id");--> statement-breakpoint
CREATE INDEX "case_grant_org_file_idx" ON "case_grant" USING btree ("organisation_id","case_file_id");--> statement-breakpoint
CREATE INDEX "case_grant_file_idx" ON "case_grant" USING btree ("case_file_id");--> statement-breakpoint
CREATE INDEX "consent_file_idx" ON "consent" USING btree ("case_file_id");