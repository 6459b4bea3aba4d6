import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisation, userAccount } from '../identity/identity.table';

/**
 * A yearly verification campaign: directory editors ask the targeted organisations to confirm
 * or correct their published services within a window (start and end dates, Brussels time).
 */
export const verificationCampaign = pgTable('verification_campaign', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	startsOn: date('starts_on').notNull(),
	endsOn: date('ends_on').notNull(),
	/** Municipalities (NIS) of the organisations targeted; empty = all. */
	nisCodes: text('nis_codes').array().notNull().default(sql`'{}'::text[]`),
	/** Kinds of organisation targeted; empty = all. */
	organisationKinds: text('organisation_kinds').array().notNull().default(sql`'{}'::text[]`),
	/** Parts of a service the organisations are asked to look at first (hours, address…). */
	sections: text('sections').array().notNull().default(sql`'{}'::text[]`),
	/** Days after the first e-mail at which organisations not done are reminded, ascending. */
	reminderDays: integer('reminder_days').array().notNull().default(sql`'{}'::integer[]`),
	/** draft | running | closed */
	status: text('status').notNull().default('draft'),
	createdBy: uuid('created_by').references(() => userAccount.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	launchedAt: timestamp('launched_at', { withTimezone: true }),
	closedAt: timestamp('closed_at', { withTimezone: true })
});

/** One organisation in a campaign: its progress, how the update was obtained, and its link. */
export const campaignOrganisation = pgTable(
	'campaign_organisation',
	{
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => verificationCampaign.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** to_do | started | done */
		status: text('status').notNull().default('to_do'),
		/** email | phone | visit | online: how the last update was obtained. */
		method: text('method'),
		/** SHA-256 of the current link's token; each e-mail carries a new link that replaces the previous one. */
		tokenHash: text('token_hash'),
		/** Published services already confirmed or corrected in this campaign. */
		handledServices: uuid('handled_services').array().notNull().default(sql`'{}'::uuid[]`),
		firstSentAt: timestamp('first_sent_at', { withTimezone: true }),
		lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
		sentCount: integer('sent_count').notNull().default(0),
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		/** How many of the campaign's reminder intervals were used (claimed before sending). */
		reminderCount: integer('reminder_count').notNull().default(0),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		completedBy: uuid('completed_by').references(() => userAccount.id, { onDelete: 'set null' })
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.organisationId] }), uniqueIndex('campaign_organisation_token_idx').on(t.tokenHash), index('campaign_organisation_org_idx').on(t.organisationId)]
);

/** Reminders between campaigns (update frequency passed): at most one a month per organisation. */
export const freshnessReminder = pgTable('freshness_reminder', {
	organisationId: uuid('organisation_id')
		.primaryKey()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	sentAt: timestamp('sent_at', { withTimezone: true }).notNull()
});
