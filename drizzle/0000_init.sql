CREATE TABLE "locality" (
	"postal_code" text NOT NULL,
	"name" text NOT NULL,
	"nis_code" text NOT NULL,
	CONSTRAINT "locality_postal_code_name_pk" PRIMARY KEY("postal_code","name")
);
--> statement-breakpoint
CREATE TABLE "municipality" (
	"nis_code" text PRIMARY KEY NOT NULL,
	"name_fr" text NOT NULL,
	"name_nl" text NOT NULL,
	"arrondissement" text NOT NULL,
	"arrondissement_nis" text NOT NULL,
	"province" text NOT NULL,
	"main_postal_code" text NOT NULL,
	"postal_codes" text[] NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"population" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "locality" ADD CONSTRAINT "locality_nis_code_municipality_nis_code_fk" FOREIGN KEY ("nis_code") REFERENCES "public"."municipality"("nis_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "locality_nis_idx" ON "locality" USING btree ("nis_code");--> statement-breakpoint
CREATE INDEX "municipality_arrondissement_idx" ON "municipality" USING btree ("arrondissement_nis");