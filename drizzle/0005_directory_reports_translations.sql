CREATE TABLE "service_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"message" text NOT NULL,
	"contact" text,
	"locale" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "translation" ADD COLUMN "source_hash" text;--> statement-breakpoint
ALTER TABLE "service_report" ADD CONSTRAINT "service_report_service_id_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."service"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_report" ADD CONSTRAINT "service_report_handled_by_user_account_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_report_status_idx" ON "service_report" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "service_report_service_idx" ON "service_report" USING btree ("service_id");