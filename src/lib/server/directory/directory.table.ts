import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation, userAccount } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';

// Open Referral HSDS 3.0 names where they exist (service, location, service_at_location,
// schedule, taxonomy_term), with the fields French-speaking directories added.

/** A need of the taxonomy (two levels); labels live in the UI catalogues (needs.<id>). */
export const taxonomyTerm = pgTable('taxonomy_term', {
	id: text('id').primaryKey(),
	parentId: text('parent_id'),
	icon: text('icon').notNull(),
	position: integer('position').notNull()
});

export const service = pgTable(
	'service',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** draft → submitted → published; returned goes back to the organisation with a comment. */
		status: text('status').notNull().default('draft'),
		/** The published version's content, while a newer draft waits for review. */
		published: jsonb('published'),
		/** unconditional | preferential | exclusive */
		welcomeType: text('welcome_type').notNull().default('unconditional'),
		ageMin: smallint('age_min'),
		ageMax: smallint('age_max'),
		/** any | women | men */
		gender: text('gender').notNull().default('any'),
		/** asylum_seeker, refugee, undocumented, mena: the administrative situations explicitly welcome. */
		audiences: text('audiences').array().notNull().default(sql`'{}'::text[]`),
		/** walk_in, appointment, registration, referral */
		accessModes: text('access_modes').array().notNull().default(sql`'{}'::text[]`),
		free: boolean('free').notNull().default(true),
		childcare: boolean('childcare').notNull().default(false),
		wheelchair: boolean('wheelchair').notNull().default(false),
		/** available | waiting_list | full, or null when unknown */
		capacity: text('capacity'),
		/** ISO 639 codes (sign languages included: sgn-BE-fr = LSFB). */
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		/** Municipalities (NIS) whose residents may use it; empty = everyone. */
		eligibleNis: text('eligible_nis').array().notNull().default(sql`'{}'::text[]`),
		closedOnPublicHolidays: boolean('closed_on_public_holidays').notNull().default(true),
		email: text('email'),
		phone: text('phone'),
		url: text('url'),
		/** Set by a person who checked the information, distinct from updated_at. */
		lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
		lastVerifiedBy: uuid('last_verified_by').references(() => userAccount.id, { onDelete: 'set null' }),
		/** How often (months) the organisation is reminded to check it between campaigns. */
		updateFrequencyMonths: smallint('update_frequency_months').notNull().default(12),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('service_org_idx').on(t.organisationId), index('service_status_idx').on(t.status), index('service_updated_idx').on(t.updatedAt)]
);

export const serviceTaxonomy = pgTable(
	'service_taxonomy',
	{
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		termId: text('term_id')
			.notNull()
			.references(() => taxonomyTerm.id)
	},
	(t) => [primaryKey({ columns: [t.serviceId, t.termId] }), index('service_taxonomy_term_idx').on(t.termId)]
);

export const location = pgTable(
	'location',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		name: text('name'),
		street: text('street').notNull(),
		postalCode: text('postal_code').notNull(),
		nisCode: text('nis_code')
			.notNull()
			.references(() => municipality.nisCode),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon')
	},
	(t) => [index('location_nis_idx').on(t.nisCode)]
);

export const serviceAtLocation = pgTable(
	'service_at_location',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		locationId: uuid('location_id')
			.notNull()
			.references(() => location.id, { onDelete: 'cascade' })
	},
	(t) => [index('sal_service_idx').on(t.serviceId), index('sal_location_idx').on(t.locationId)]
);

/** Weekly opening slots: several a day allowed. weekday 1 = Monday … 7 = Sunday (ISO). */
export const schedule = pgTable(
	'schedule',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		weekday: smallint('weekday').notNull(),
		opensAt: time('opens_at').notNull(),
		closesAt: time('closes_at').notNull()
	},
	(t) => [index('schedule_service_idx').on(t.serviceId)]
);

/** Dated exceptions: a closure or temporary hours, announced from `notice_from`. */
export const scheduleException = pgTable(
	'schedule_exception',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on').notNull(),
		/** closed | hours */
		kind: text('kind').notNull(),
		/** For kind = hours: [{ opensAt, closesAt }] applying to every day of the period. */
		hours: jsonb('hours'),
		noticeFrom: date('notice_from').notNull()
	},
	(t) => [index('schedule_exception_service_idx').on(t.serviceId)]
);

/**
 * Free text per field and language, with how it was made: source (written by the organisation),
 * machine (translated automatically), reviewed (checked by a person). A missing row is "missing".
 */
export const translation = pgTable(
	'translation',
	{
		entityType: text('entity_type').notNull(),
		entityId: uuid('entity_id').notNull(),
		field: text('field').notNull(),
		locale: text('locale').notNull(),
		text: text('text').notNull(),
		status: text('status').notNull(),
		/** For a translation: a hash of the source text it was made from; a changed source makes it outdated. */
		sourceHash: text('source_hash'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.entityType, t.entityId, t.field, t.locale] })]
);

/** Every step of a service's life: who, when, what (a snapshot of the content), and why. */
export const serviceHistory = pgTable(
	'service_history',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		actorUserId: uuid('actor_user_id'),
		action: text('action').notNull(),
		comment: text('comment'),
		snapshot: jsonb('snapshot'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('service_history_service_idx').on(t.serviceId, t.at)]
);

/** A public search that found nothing: an anonymous unmet-demand signal (no IP, no session). */
export const searchMiss = pgTable('search_miss', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	day: date('day').notNull(),
	terms: text('terms'),
	filters: jsonb('filters').notNull(),
	locale: text('locale').notNull(),
	nisCode: text('nis_code')
});

/**
 * "Report an error" from a public service page: kept for directory editors, no account needed.
 * The optional contact is the only personal data; it is deleted with the report once handled.
 */
export const serviceReport = pgTable(
	'service_report',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		/** what is wrong: hours | address | contact | closed | other */
		topic: text('topic').notNull(),
		message: text('message').notNull(),
		contact: text('contact'),
		locale: text('locale').notNull(),
		/** open | handled */
		status: text('status').notNull().default('open'),
		handledBy: uuid('handled_by').references(() => userAccount.id, { onDelete: 'set null' }),
		handledAt: timestamp('handled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('service_report_status_idx').on(t.status, t.createdAt), index('service_report_service_idx').on(t.serviceId)]
);
