import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation, userAccount } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';

/** Binary data (resized images): Buffer in and out on both PGlite and PostgreSQL. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (value) => value,
	fromDriver: (value) => Buffer.from(value)
});

/**
 * An activity of the agenda. The row is the working version an organisation (or the person who
 * proposed it) edits; publishing copies it into `published`, a JSON snapshot of everything the
 * public sees, and rebuilds its occurrences. Free texts (title, description, price, image alt)
 * live in the shared `translation` table (entity_type 'agenda_event').
 */
export const agendaEvent = pgTable(
	'agenda_event',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** null for a public proposal (then organiser_name says who organises). */
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'cascade' }),
		/** organisation | proposal */
		origin: text('origin').notNull().default('organisation'),
		/** draft → submitted → published; returned (with a comment); cancelled; declined (a proposal not kept). */
		status: text('status').notNull().default('draft'),
		published: jsonb('published'),
		/** intercultural | cultural | sport | information | conversation | training | visit | other */
		category: text('category').notNull().default('other'),
		startDate: date('start_date').notNull(),
		/** null: all day. Brussels wall clock. */
		startTime: time('start_time'),
		endDate: date('end_date'),
		endTime: time('end_time'),
		/** RFC 5545 RRULE value; null when the activity happens once. */
		rrule: text('rrule'),
		/** EXDATE: local dates skipped by the recurrence. */
		exdates: text('exdates').array().notNull().default(sql`'{}'::text[]`),
		online: boolean('online').notNull().default(false),
		onlineUrl: text('online_url'),
		placeName: text('place_name'),
		street: text('street'),
		postalCode: text('postal_code'),
		nisCode: text('nis_code').references(() => municipality.nisCode),
		free: boolean('free').notNull().default(true),
		/** none | required */
		registration: text('registration').notNull().default('none'),
		registrationUrl: text('registration_url'),
		registrationPhone: text('registration_phone'),
		/** ISO 639 codes of the languages spoken (sgn-BE-fr for LSFB). */
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		interpreter: boolean('interpreter').notNull().default(false),
		childcare: boolean('childcare').notNull().default(false),
		wheelchair: boolean('wheelchair').notNull().default(false),
		/** all | women | youth | families | children | seniors */
		audience: text('audience').notNull().default('all'),
		url: text('url'),
		imageId: uuid('image_id'),
		/** A proposal's organiser, as typed. */
		organiserName: text('organiser_name'),
		/** A proposal's optional contact: personal data, erased once the proposal is moderated. */
		contact: text('contact'),
		/** The language of the person who proposed it. */
		locale: text('locale').notNull().default('fr'),
		createdBy: uuid('created_by').references(() => userAccount.id, { onDelete: 'set null' }),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('agenda_event_org_idx').on(t.organisationId), index('agenda_event_status_idx').on(t.status, t.updatedAt)]
);

/** An uploaded image, resized and stripped of its metadata (JPEG), in two sizes. */
export const agendaImage = pgTable(
	'agenda_image',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => agendaEvent.id, { onDelete: 'cascade' }),
		large: bytea('large').notNull(),
		small: bytea('small').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		smallWidth: integer('small_width').notNull(),
		smallHeight: integer('small_height').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('agenda_image_event_idx').on(t.eventId)]
);

/**
 * The dates of published (and cancelled) activities, expanded from their recurrence when they
 * are published, with the facts the public filters on: lists and feeds query this in SQL.
 */
export const agendaOccurrence = pgTable(
	'agenda_occurrence',
	{
		eventId: uuid('event_id')
			.notNull()
			.references(() => agendaEvent.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }),
		/** Brussels date of the start. */
		day: date('day').notNull(),
		allDay: boolean('all_day').notNull(),
		category: text('category').notNull(),
		nisCode: text('nis_code'),
		online: boolean('online').notNull(),
		languages: text('languages').array().notNull(),
		free: boolean('free').notNull(),
		childcare: boolean('childcare').notNull(),
		cancelled: boolean('cancelled').notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.eventId, t.startsAt] }), index('agenda_occurrence_starts_idx').on(t.startsAt)]
);

/** Every step of an activity's life: who, when, what, and the moderator's comment. */
export const agendaHistory = pgTable(
	'agenda_history',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		eventId: uuid('event_id')
			.notNull()
			.references(() => agendaEvent.id, { onDelete: 'cascade' }),
		actorUserId: uuid('actor_user_id'),
		action: text('action').notNull(),
		comment: text('comment'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('agenda_history_event_idx').on(t.eventId, t.at)]
);
