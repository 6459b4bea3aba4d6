import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisation, userAccount } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
};

/**
 * A beneficiary's case file, owned by one organisation. Minimal identity only: a first name or an
 * alias is enough (pseudonymous files); sensitive facts live in restricted sections elsewhere.
 */
export const caseFile = pgTable(
	'case_file',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ownerOrganisationId: uuid('owner_organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'restrict' }),
		/** First name, or an alias when `pseudonymous`. */
		firstName: text('first_name').notNull(),
		lastName: text('last_name'),
		pseudonymous: boolean('pseudonymous').notNull().default(false),
		birthYear: integer('birth_year'),
		birthDate: date('birth_date'),
		/** ISO 639 codes, preferred first. */
		preferredLanguages: text('preferred_languages').array().notNull().default(sql`'{}'::text[]`),
		nisCode: text('nis_code').references(() => municipality.nisCode),
		phone: text('phone'),
		email: text('email'),
		/** The worker who follows the file in the owner organisation. */
		assignedUserId: uuid('assigned_user_id').references(() => userAccount.id, { onDelete: 'set null' }),
		/** open, closed, anonymised */
		status: text('status').notNull().default('open'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
		/** Optimistic concurrency: a save names the version it started from. */
		version: integer('version').notNull().default(1),
		/** Last change of anything in the file (worklists: "without movement for N days"). */
		lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
		createdBy: uuid('created_by').references(() => userAccount.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [
		index('case_file_owner_status_idx').on(t.ownerOrganisationId, t.status, t.lastActivityAt),
		index('case_file_assigned_idx').on(t.assignedUserId)
	]
);

/**
 * The person's consent for one purpose: follow_up, referral (to named organisations), sharing (of
 * named sections with named organisations) or statistics. Revocation ends the grants it carried.
 */
export const consent = pgTable(
	'consent',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		/** follow_up, referral, sharing, statistics */
		purpose: text('purpose').notNull(),
		/** The organisations a referral or sharing consent names. */
		organisationIds: uuid('organisation_ids').array().notNull().default(sql`'{}'::uuid[]`),
		/** The sections a referral or sharing consent names. */
		sections: text('sections').array().notNull().default(sql`'{}'::text[]`),
		/** The language the consent was explained in (a UI locale or ISO 639 code). */
		language: text('language').notNull(),
		interpreter: boolean('interpreter').notNull().default(false),
		givenOn: date('given_on').notNull(),
		expiresOn: date('expires_on'),
		recordedBy: uuid('recorded_by').references(() => userAccount.id, { onDelete: 'set null' }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedBy: uuid('revoked_by').references(() => userAccount.id, { onDelete: 'set null' }),
		...timestamps
	},
	(t) => [index('consent_file_idx').on(t.caseFileId)]
);

/**
 * What another organisation may see of a file: named sections until `expiresAt`, carried by a
 * consent (and usually created by accepting a referral). Revoking the consent revokes the grant.
 */
export const caseGrant = pgTable(
	'case_grant',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		sections: text('sections').array().notNull(),
		consentId: uuid('consent_id')
			.notNull()
			.references(() => consent.id, { onDelete: 'cascade' }),
		/** The referral whose acceptance created the grant, if any. */
		referralId: uuid('referral_id'),
		grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		/**
		 * consent_revoked, consent_expired, referral_done, file_anonymised. Closing a file does not end
		 * grants: the other organisation's follow-up rests on the person's consent, not on the owner's.
		 */
		revokedReason: text('revoked_reason')
	},
	(t) => [index('case_grant_org_file_idx').on(t.organisationId, t.caseFileId), index('case_grant_file_idx').on(t.caseFileId)]
);
