-- Text search helpers shared by every domain. Both extensions ship with PostgreSQL 15
-- (Debian's postgresql-contrib) and with PGlite as contrib modules; both are "trusted",
-- so the database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); this wrapper names the dictionary
-- explicitly so it can be IMMUTABLE and used in indexes and generated columns.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- A search key: lower case, no accents, any run of punctuation or spaces folded to one space.
-- "Jemeppe-Sur-Meuse" -> "jemeppe sur meuse"; "Ougrée" -> "ougree".
CREATE OR REPLACE FUNCTION f_search_key(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT btrim(regexp_replace(lower(f_unaccent($1)), '[^[:alnum:]]+', ' ', 'g')) $$;
