CREATE TABLE "attendance" (
	"session_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"minutes" smallint DEFAULT 0 NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_session_id_enrolment_id_pk" PRIMARY KEY("session_id","enrolment_id"),
	CONSTRAINT "attendance_minutes_nonnegative" CHECK ("attendance"."minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "course" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"axis" text NOT NULL,
	"level" text,
	"focus" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"nis_code" text NOT NULL,
	"address" text,
	"total_hours" integer NOT NULL,
	"capacity" integer NOT NULL,
	"childcare_places" integer DEFAULT 0 NOT NULL,
	"interpreter_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"price_cents" integer DEFAULT 0 NOT NULL,
	"languages" text[] DEFAULT '{fr}'::text[] NOT NULL,
	"prerequisites" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"registration_mode" text DEFAULT 'open' NOT NULL,
	"funder" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"service_id" uuid,
	"has_evening" boolean DEFAULT false NOT NULL,
	"has_weekend" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_capacity_positive" CHECK ("course"."capacity" > 0),
	CONSTRAINT "course_dates_ordered" CHECK ("course"."ends_on" >= "course"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "course_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"evening" boolean DEFAULT false NOT NULL,
	"weekend" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"register_saved_at" timestamp with time zone,
	"register_saved_by" uuid,
	"locked_at" timestamp with time zone,
	"locked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_session_times_ordered" CHECK ("course_session"."ends_at" > "course_session"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "enrolment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"source" text NOT NULL,
	"case_file_id" uuid,
	"referral_id" uuid,
	"transferred_from_id" uuid,
	"first_name" text,
	"last_name" text,
	"email" text,
	"phone" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"nis_code" text,
	"needs_childcare" boolean DEFAULT false NOT NULL,
	"interpreter_language" text,
	"elsewhere_consent_at" timestamp with time zone,
	"elsewhere_consent_by" uuid,
	"status" text DEFAULT 'waiting' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"enrolled_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_course_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_enrolment_id_enrolment_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_recorded_by_user_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_nis_code_municipality_nis_code_fk" FOREIGN KEY ("nis_code") REFERENCES "public"."municipality"("nis_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_service_id_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."service"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course" ADD CONSTRAINT "course_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_course_id_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_register_saved_by_user_account_id_fk" FOREIGN KEY ("register_saved_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_session" ADD CONSTRAINT "course_session_locked_by_user_account_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_course_id_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."course"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_nis_code_municipality_nis_code_fk" FOREIGN KEY ("nis_code") REFERENCES "public"."municipality"("nis_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_elsewhere_consent_by_user_account_id_fk" FOREIGN KEY ("elsewhere_consent_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_enrolment_idx" ON "attendance" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "course_org_idx" ON "course" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "course_axis_level_idx" ON "course" USING btree ("axis","level");--> statement-breakpoint
CREATE INDEX "course_period_idx" ON "course" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "course_session_course_idx" ON "course_session" USING btree ("course_id","starts_at");--> statement-breakpoint
CREATE INDEX "course_session_starts_idx" ON "course_session" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "enrolment_course_status_idx" ON "enrolment" USING btree ("course_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "enrolment_org_idx" ON "enrolment" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "enrolment_file_idx" ON "enrolment" USING btree ("case_file_id");--> statement-breakpoint
CREATE INDEX "enrolment_requested_idx" ON "enrolment" USING btree ("requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_active_file_uq" ON "enrolment" USING btree ("course_id","case_file_id") WHERE "enrolment"."case_file_id" is not null and "enrolment"."status" in ('waiting', 'offered', 'enrolled');