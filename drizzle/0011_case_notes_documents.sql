CREATE TABLE "case_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_file_id" uuid NOT NULL,
	"sensitivity" text NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text,
	"file_name_sealed" text,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"key_id" text,
	"organisation_id" uuid,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_document_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "case_document_sensitivity_check" CHECK ("case_document"."sensitivity" in ('general', 'social', 'restricted')),
	CONSTRAINT "case_document_sealed_check" CHECK (("case_document"."sensitivity" = 'restricted' and "case_document"."file_name" is null and "case_document"."file_name_sealed" is not null and "case_document"."key_id" is not null) or ("case_document"."sensitivity" <> 'restricted' and "case_document"."file_name" is not null and "case_document"."file_name_sealed" is null and "case_document"."key_id" is null))
);
--> statement-breakpoint
CREATE TABLE "case_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_file_id" uuid NOT NULL,
	"sensitivity" text NOT NULL,
	"body" text,
	"body_sealed" text,
	"organisation_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"corrects_note_id" uuid,
	"corrected_at" timestamp with time zone,
	"corrected_by" uuid,
	CONSTRAINT "case_note_sensitivity_check" CHECK ("case_note"."sensitivity" in ('general', 'social', 'restricted')),
	CONSTRAINT "case_note_sealed_check" CHECK (("case_note"."sensitivity" = 'restricted' and "case_note"."body" is null and "case_note"."body_sealed" is not null) or ("case_note"."sensitivity" <> 'restricted' and "case_note"."body" is not null and "case_note"."body_sealed" is null))
);
--> statement-breakpoint
CREATE TABLE "case_note_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"case_file_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text,
	"body_sealed" text,
	"written_by" uuid,
	"written_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_note_revision_body_check" CHECK (("case_note_revision"."body" is null) <> ("case_note_revision"."body_sealed" is null))
);
--> statement-breakpoint
CREATE TABLE "case_restricted_fact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_file_id" uuid NOT NULL,
	"section" text NOT NULL,
	"sealed" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_restricted_fact_file_section_key" UNIQUE("case_file_id","section"),
	CONSTRAINT "case_restricted_fact_section_check" CHECK ("case_restricted_fact"."section" in ('residence', 'health', 'legal'))
);
--> statement-breakpoint
ALTER TABLE "case_document" ADD CONSTRAINT "case_document_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_document" ADD CONSTRAINT "case_document_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_document" ADD CONSTRAINT "case_document_uploaded_by_user_account_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_corrects_note_id_case_note_id_fk" FOREIGN KEY ("corrects_note_id") REFERENCES "public"."case_note"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_corrected_by_user_account_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note_revision" ADD CONSTRAINT "case_note_revision_note_id_case_note_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."case_note"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note_revision" ADD CONSTRAINT "case_note_revision_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note_revision" ADD CONSTRAINT "case_note_revision_written_by_user_account_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_restricted_fact" ADD CONSTRAINT "case_restricted_fact_case_file_id_case_file_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_restricted_fact" ADD CONSTRAINT "case_restricted_fact_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_document_file_idx" ON "case_document" USING btree ("case_file_id","created_at");--> statement-breakpoint
CREATE INDEX "case_note_file_idx" ON "case_note" USING btree ("case_file_id","created_at");--> statement-breakpoint
CREATE INDEX "case_note_revision_note_idx" ON "case_note_revision" USING btree ("note_id","version");--> statement-breakpoint
CREATE INDEX "case_note_revision_file_idx" ON "case_note_revision" USING btree ("case_file_id");