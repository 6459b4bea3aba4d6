CREATE TABLE "agenda_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"origin" text DEFAULT 'organisation' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published" jsonb,
	"category" text DEFAULT 'other' NOT NULL,
	"start_date" date NOT NULL,
	"start_time" time,
	"end_date" date,
	"end_time" time,
	"rrule" text,
	"exdates" text[] DEFAULT '{}'::text[] NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"online_url" text,
	"place_name" text,
	"street" text,
	"postal_code" text,
	"nis_code" text,
	"free" boolean DEFAULT true NOT NULL,
	"registration" text DEFAULT 'none' NOT NULL,
	"registration_url" text,
	"registration_phone" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"interpreter" boolean DEFAULT false NOT NULL,
	"childcare" boolean DEFAULT false NOT NULL,
	"wheelchair" boolean DEFAULT false NOT NULL,
	"audience" text DEFAULT 'all' NOT NULL,
	"url" text,
	"image_id" uuid,
	"organiser_name" text,
	"contact" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agenda_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_image" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"large" "bytea" NOT NULL,
	"small" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"small_width" integer NOT NULL,
	"small_height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_occurrence" (
	"event_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"day" date NOT NULL,
	"all_day" boolean NOT NULL,
	"category" text NOT NULL,
	"nis_code" text,
	"online" boolean NOT NULL,
	"languages" text[] NOT NULL,
	"free" boolean NOT NULL,
	"childcare" boolean NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	CONSTRAINT "agenda_occurrence_event_id_starts_at_pk" PRIMARY KEY("event_id","starts_at")
);
--> statement-breakpoint
ALTER TABLE "agenda_event" ADD CONSTRAINT "agenda_event_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_event" ADD CONSTRAINT "agenda_event_nis_code_municipality_nis_code_fk" FOREIGN KEY ("nis_code") REFERENCES "public"."municipality"("nis_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_event" ADD CONSTRAINT "agenda_event_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_history" ADD CONSTRAINT "agenda_history_event_id_agenda_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."agenda_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_image" ADD CONSTRAINT "agenda_image_event_id_agenda_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."agenda_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_occurrence" ADD CONSTRAINT "agenda_occurrence_event_id_agenda_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."agenda_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_event_org_idx" ON "agenda_event" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "agenda_event_status_idx" ON "agenda_event" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "agenda_history_event_idx" ON "agenda_history" USING btree ("event_id","at");--> statement-breakpoint
CREATE INDEX "agenda_image_event_idx" ON "agenda_image" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "agenda_occurrence_starts_idx" ON "agenda_occurrence" USING btree ("starts_at");