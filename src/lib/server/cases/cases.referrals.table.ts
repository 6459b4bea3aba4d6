import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { service } from '../directory/directory.table';
import { organisation, userAccount } from '../identity/identity.table';
import { caseFile, caseGrant, consent } from './cases.table';

/**
 * A referral of a person from the organisation that owns their file to another organisation (or
 * to one of its services in the directory), for a purpose (a need of the directory's taxonomy),
 * with the sections the receiver will see once it accepts. It can only be sent under an active
 * referral consent that names the receiving organisation and covers the sections.
 *
 * sent → accepted → done, or sent → declined | expired (30 days unanswered) | cancelled (the
 * consent it relied on was revoked or expired before an answer).
 */
export const referral = pgTable(
	'referral',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		fromOrganisationId: uuid('from_organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		toOrganisationId: uuid('to_organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** The directory service the person is referred to, when one was chosen (of `toOrganisationId`). */
		toServiceId: uuid('to_service_id').references(() => service.id, { onDelete: 'set null' }),
		/** A need of the directory's taxonomy (french, housing, work…). */
		purpose: text('purpose').notNull(),
		/** The sections the receiver sees once it accepts (a subset of the consent's). */
		sections: text('sections').array().notNull().default(sql`'{}'::text[]`),
		/** The sender's words to the receiver; shown to the receiver before it accepts. */
		message: text('message').notNull().default(''),
		consentId: uuid('consent_id')
			.notNull()
			.references(() => consent.id, { onDelete: 'cascade' }),
		/** sent, accepted, declined, done, expired, cancelled */
		status: text('status').notNull().default('sent'),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
		sentBy: uuid('sent_by').references(() => userAccount.id, { onDelete: 'set null' }),
		/** Accepted or declined: when, by whom, and the receiver's words. */
		respondedAt: timestamp('responded_at', { withTimezone: true }),
		respondedBy: uuid('responded_by').references(() => userAccount.id, { onDelete: 'set null' }),
		responseMessage: text('response_message'),
		/** Why a referral was declined: no_places (counted as unmet demand by the quarterly report), not_our_public, other. */
		declineReason: text('decline_reason'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneBy: uuid('done_by').references(() => userAccount.id, { onDelete: 'set null' }),
		/** The one reminder to the receiving organisation (10 days without an answer), claimed by the job. */
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		/** Expired (30 days without an answer) or cancelled (consent revoked or expired). */
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/** The grant the acceptance created. */
		grantId: uuid('grant_id').references(() => caseGrant.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('referral_file_idx').on(t.caseFileId, t.sentAt),
		index('referral_inbox_idx').on(t.toOrganisationId, t.status, t.sentAt),
		index('referral_status_sent_idx').on(t.status, t.sentAt),
		index('referral_consent_idx').on(t.consentId)
	]
);
