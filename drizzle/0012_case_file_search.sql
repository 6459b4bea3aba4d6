-- Case files (files part): a name key and indexes Drizzle cannot declare.
-- The loose key of a person's name: first and last name, lower case, no accents, punctuation folded
-- to spaces (like f_search_key, see 0001_search_functions.sql). Every name inside is schema-qualified
-- or built in: PostgreSQL 17+ builds indexes with a search_path of pg_catalog only.
CREATE OR REPLACE FUNCTION public.f_person_key(text, text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT btrim(regexp_replace(lower(public.f_unaccent(coalesce($1, '') || ' ' || coalesce($2, ''))), '[^[:alnum:]]+', ' ', 'g')) $$;
--> statement-breakpoint
-- The key, stored: the trigram index's recheck and the duplicates' similarity read it instead of
-- unaccenting every candidate again. Generated, so a correction or an anonymisation rewrites it.
-- Not declared in cases.table.ts (Drizzle never selects or writes it); see `nameKey` in
-- src/lib/server/cases/cases.files.repository.ts.
ALTER TABLE "case_file" ADD COLUMN IF NOT EXISTS "name_key" text GENERATED ALWAYS AS (public.f_person_key("first_name", "last_name")) STORED;
--> statement-breakpoint
-- Name search on the list and duplicate suggestions: a trigram GIN index on that key.
CREATE INDEX IF NOT EXISTS "case_file_name_trgm_idx" ON "case_file" USING gin ("name_key" gin_trgm_ops);
--> statement-breakpoint
-- The list's first branch: an organisation's files, most recent activity first, whatever the status.
CREATE INDEX IF NOT EXISTS "case_file_owner_activity_idx" ON "case_file" USING btree ("owner_organisation_id", "last_activity_at" DESC, "id" DESC);
