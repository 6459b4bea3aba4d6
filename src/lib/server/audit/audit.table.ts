import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only record of every read of personal data and every change (a trigger refuses UPDATE,
 * DELETE and TRUNCATE). Written inside the transaction of what it records.
 */
export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorUserId: uuid('actor_user_id'),
		organisationId: uuid('organisation_id'),
		action: text('action').notNull(),
		subjectType: text('subject_type').notNull(),
		subjectId: text('subject_id'),
		section: text('section'),
		purpose: text('purpose'),
		/** Keyed hash of the client address: links events from one address without storing it. */
		ipHash: text('ip_hash'),
		details: jsonb('details')
	},
	(t) => [
		index('audit_event_org_at_idx').on(t.organisationId, t.at),
		index('audit_event_subject_idx').on(t.subjectType, t.subjectId),
		index('audit_event_actor_idx').on(t.actorUserId, t.at)
	]
);
