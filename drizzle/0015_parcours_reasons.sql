-- The built-in reasons of exemption and dispensation from the Parcours d'Intégration (editable
-- by platform admins afterwards; their labels come from the catalogues: pro.parcours.reason.<code>).
INSERT INTO "parcours_reason" ("code", "kind", "builtin", "position") VALUES
	('eu_citizen', 'exemption', true, 10),
	('resident_3_years', 'exemption', true, 20),
	('age', 'exemption', true, 30),
	('working_half_time', 'exemption', true, 40),
	('turkish_national', 'exemption', true, 50),
	('medical', 'dispensation', true, 60),
	('belgian_diploma', 'dispensation', true, 70),
	('student', 'dispensation', true, 80),
	('other_region_attestation', 'dispensation', true, 90)
ON CONFLICT ("code") DO NOTHING;
