import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { caseFile } from '../cases/cases.table';
import { referral } from '../cases/cases.referrals.table';
import { service } from '../directory/directory.table';
import { organisation, userAccount } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
};

/**
 * A course offered by an organisation: its axis (and FLE level), where, how many seats, childcare,
 * interpreting, price, languages, prerequisites, dates and how to register. Sessions carry the
 * times; evening/weekend are derived from them. Published courses appear in the directory as a
 * service (`service_id`), kept in step by the offer's use-cases.
 */
export const course = pgTable(
	'course',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** courses.types: courseAxes */
		axis: text('axis').notNull(),
		/** alpha, a1, a2, b1, b2 (FLE only) */
		level: text('level'),
		/** oral, written, both (FLE only) */
		focus: text('focus'),
		/** The course's name, in French (the source language). */
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		nisCode: text('nis_code')
			.notNull()
			.references(() => municipality.nisCode),
		/** Street and number of the place, when known. */
		address: text('address'),
		/** Total hours of the course (the sum of its sessions once they are all planned). */
		totalHours: integer('total_hours').notNull(),
		/** Seats; never 0 (refused by the schema and the database). */
		capacity: integer('capacity').notNull(),
		childcarePlaces: integer('childcare_places').notNull().default(0),
		/** Languages an interpreter can cover during the course (ISO 639), empty when none. */
		interpreterLanguages: text('interpreter_languages').array().notNull().default(sql`'{}'::text[]`),
		/** Price in euro cents for the whole course; 0 is free. */
		priceCents: integer('price_cents').notNull().default(0),
		/** Languages of instruction (ISO 639); French FLE courses may add a support language. */
		languages: text('languages').array().notNull().default(sql`'{fr}'::text[]`),
		prerequisites: text('prerequisites').notNull().default(''),
		startsOn: date('starts_on').notNull(),
		endsOn: date('ends_on').notNull(),
		/** courses.types: registrationModes */
		registrationMode: text('registration_mode').notNull().default('open'),
		/** Who funds the course (a funder code of the funding rules), when known. */
		funder: text('funder'),
		/** courses.types: courseStatuses */
		status: text('status').notNull().default('draft'),
		/** The directory service that shows the published course. */
		serviceId: uuid('service_id').references(() => service.id, { onDelete: 'set null' }),
		/** Derived from the sessions by the offer's use-cases (the report counts them). */
		hasEvening: boolean('has_evening').notNull().default(false),
		hasWeekend: boolean('has_weekend').notNull().default(false),
		/** Optimistic concurrency of the course form. */
		version: integer('version').notNull().default(1),
		createdBy: uuid('created_by').references(() => userAccount.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [
		index('course_org_idx').on(t.organisationId),
		index('course_axis_level_idx').on(t.axis, t.level),
		index('course_period_idx').on(t.startsOn, t.endsOn),
		check('course_capacity_positive', sql`${t.capacity} > 0`),
		check('course_dates_ordered', sql`${t.endsOn} >= ${t.startsOn}`)
	]
);

/**
 * One meeting of a course. Times are instants; `minutes` is the length (the most a trainee can be
 * credited). A register is recorded once the session has started, and no longer once locked.
 */
export const courseSession = pgTable(
	'course_session',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		courseId: uuid('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		minutes: integer('minutes').notNull(),
		/** Starts at or after 17:00 Brussels time / on a Saturday or Sunday in Brussels. */
		evening: boolean('evening').notNull().default(false),
		weekend: boolean('weekend').notNull().default(false),
		/** scheduled | cancelled */
		status: text('status').notNull().default('scheduled'),
		/** When the register was last saved, and by whom. */
		registerSavedAt: timestamp('register_saved_at', { withTimezone: true }),
		registerSavedBy: uuid('register_saved_by').references(() => userAccount.id, { onDelete: 'set null' }),
		/** A locked register changes no more (funding is computed from it). */
		lockedAt: timestamp('locked_at', { withTimezone: true }),
		lockedBy: uuid('locked_by').references(() => userAccount.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [
		index('course_session_course_idx').on(t.courseId, t.startsAt),
		index('course_session_starts_idx').on(t.startsAt),
		check('course_session_times_ordered', sql`${t.endsAt} > ${t.startsAt}`)
	]
);

/**
 * A person's request for, or place in, a course (see `enrolmentStatuses`). The person is a case
 * file of the course's organisation or of a referring one (`case_file_id`), or someone who filled
 * the public "I'm interested" form (first name and one contact, kept with their consent). The
 * waiting-list position is the rank by `requested_at` among waiting requests of the course.
 */
export const enrolment = pgTable(
	'enrolment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		courseId: uuid('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		/** The course's organisation, copied for scoped lists. */
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** courses.types: enrolmentSources */
		source: text('source').notNull(),
		caseFileId: uuid('case_file_id').references(() => caseFile.id, { onDelete: 'set null' }),
		referralId: uuid('referral_id').references(() => referral.id, { onDelete: 'set null' }),
		/** The request at another organisation this one came from (a seat offered elsewhere). */
		transferredFromId: uuid('transferred_from_id'),
		/** Minimal identity when there is no case file (public form), or a display copy. */
		firstName: text('first_name'),
		lastName: text('last_name'),
		email: text('email'),
		phone: text('phone'),
		/** The UI locale the person used or prefers: messages to them are in it. */
		locale: text('locale').notNull().default('fr'),
		nisCode: text('nis_code').references(() => municipality.nisCode),
		/** Demand signals the report counts. */
		needsChildcare: boolean('needs_childcare').notNull().default(false),
		interpreterLanguage: text('interpreter_language'),
		/** The person agreed to be offered a seat in an equivalent course of another organisation (and to pass their contact to it). */
		elsewhereConsentAt: timestamp('elsewhere_consent_at', { withTimezone: true }),
		elsewhereConsentBy: uuid('elsewhere_consent_by').references(() => userAccount.id, { onDelete: 'set null' }),
		/** courses.types: enrolmentStatuses */
		status: text('status').notNull().default('waiting'),
		requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
		offeredAt: timestamp('offered_at', { withTimezone: true }),
		offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
		enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
		/** When the request or place ended (declined, withdrawn, completed, transferred, cancelled). */
		endedAt: timestamp('ended_at', { withTimezone: true }),
		endedReason: text('ended_reason'),
		version: integer('version').notNull().default(1),
		createdBy: uuid('created_by').references(() => userAccount.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [
		index('enrolment_course_status_idx').on(t.courseId, t.status, t.requestedAt),
		index('enrolment_org_idx').on(t.organisationId, t.status),
		index('enrolment_file_idx').on(t.caseFileId),
		index('enrolment_requested_idx').on(t.requestedAt),
		// One active place per file and course: a duplicate enrolment is refused by the database too.
		uniqueIndex('enrolment_active_file_uq')
			.on(t.courseId, t.caseFileId)
			.where(sql`${t.caseFileId} is not null and ${t.status} in ('waiting', 'offered', 'enrolled')`)
	]
);

/**
 * One trainee's presence at one session. Keyed by (session, enrolment): saving a register twice
 * replaces the rows, it never adds to them. `minutes` ≤ the session's length.
 */
export const attendance = pgTable(
	'attendance',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => courseSession.id, { onDelete: 'cascade' }),
		enrolmentId: uuid('enrolment_id')
			.notNull()
			.references(() => enrolment.id, { onDelete: 'cascade' }),
		/** courses.types: attendanceStatuses */
		status: text('status').notNull(),
		/** Minutes attended (0 when absent or excused). */
		minutes: smallint('minutes').notNull().default(0),
		recordedBy: uuid('recorded_by').references(() => userAccount.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.enrolmentId] }), index('attendance_enrolment_idx').on(t.enrolmentId), check('attendance_minutes_nonnegative', sql`${t.minutes} >= 0`)]
);
