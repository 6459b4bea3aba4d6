CREATE TABLE "parcours" (
	"case_file_id" uuid PRIMARY KEY NOT NULL,
	"obligation" text DEFAULT 'unknown' NOT NULL,
	"reason_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"permit_ordered_on" date,
	"deadline_rule" text,
	"deadline_on" date,
	"current_step" text DEFAULT 'welcome' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parcours_reason" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parcours_step" (
	"case_file_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status" text DEFAULT 'todo' NOT NULL,
	"started_on" date,
	"completed_on" date,
	"hours_planned" integer,
	"hours_done" integer,
	"operator_organisation_id" uuid,
	"operator_name" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parcours_step_case_file_id_step_pk" PRIMARY KEY("case_file_id","step")
);
--> statement-breakpoint
ALTER TABLE "parcours" ADD CONSTRAINT "parcours_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcours" ADD CONSTRAINT "parcours_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcours_step" ADD CONSTRAINT "parcours_step_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcours_step" ADD CONSTRAINT "parcours_step_operator_organisation_id_organisation_id_fk" FOREIGN KEY ("operator_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcours_step" ADD CONSTRAINT "parcours_step_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parcours_deadline_idx" ON "parcours" USING btree ("deadline_on");--> statement-breakpoint
CREATE INDEX "parcours_current_step_idx" ON "parcours" USING btree ("current_step");