import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../identity/identity.table';

/**
 * How a funder pays for courses, per axis and kind of organisation, over a period. The rule that
 * applies to a course in a quarter: the course's funder, the course's axis (a rule naming the axis
 * beats one for every axis), the organisation's kind (likewise), valid during the quarter.
 *
 * `mode` (courses.funding.rules: fundingModes):
 * - per_trainee_hour: `amount_cents` per trainee-hour attended (the PLI's "forfait par stagiaire
 *   inscrit, multiplié par le nombre d'heures de formation", CISP's hourly rate);
 * - per_course_hour: `amount_cents` per hour the course was given;
 * - envelope: `amount_cents` is a closed amount per year for the organisation; a quarter reports a
 *   quarter of it against its trainee-hours.
 *
 * A rule is never edited: it is ended (valid_to, ended_at/by) and a new one added, so past
 * quarters keep the rule they were justified with.
 */
export const fundingRule = pgTable(
	'funding_rule',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** A funder code, as in course.funder: wallonie-cisp, wallonie-ili, fse… */
		funder: text('funder').notNull(),
		/** A short description for the funding officer (source language, French). */
		label: text('label').notNull(),
		/** courses.types: courseAxes; null for every axis. */
		axis: text('axis'),
		/** identity: organisationKinds; null for every kind. */
		organisationKind: text('organisation_kind'),
		mode: text('mode').notNull(),
		/** Euro cents: per hour (per_* modes) or per year (envelope). */
		amountCents: integer('amount_cents').notNull(),
		validFrom: date('valid_from').notNull(),
		/** Last day of validity (inclusive); null while open-ended. */
		validTo: date('valid_to'),
		createdBy: uuid('created_by').references(() => userAccount.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		endedBy: uuid('ended_by').references(() => userAccount.id, { onDelete: 'set null' }),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(t) => [
		index('funding_rule_funder_idx').on(t.funder, t.validFrom),
		check('funding_rule_mode', sql`${t.mode} in ('per_trainee_hour', 'per_course_hour', 'envelope')`),
		check('funding_rule_amount_positive', sql`${t.amountCents} > 0`),
		check('funding_rule_dates_ordered', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`)
	]
);
