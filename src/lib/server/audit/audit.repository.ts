import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditEvent } from './audit.table';

export type AuditEntry = {
	actorUserId: string | null;
	organisationId?: string | null;
	action: string;
	subjectType: string;
	subjectId?: string | null;
	section?: string | null;
	purpose?: string | null;
	ipHash?: string | null;
	/** Ids and codes only: never names, e-mails, typed text or secrets. */
	details?: Record<string, string | number | boolean | null>;
};

/** Appends audit rows. Pass the transaction of the change or read being recorded. */
export async function recordAudit(db: Database, ...entries: AuditEntry[]): Promise<void> {
	if (entries.length === 0) return;
	await db.insert(auditEvent).values(
		entries.map((e) => ({
			actorUserId: e.actorUserId,
			organisationId: e.organisationId ?? null,
			action: e.action,
			subjectType: e.subjectType,
			subjectId: e.subjectId ?? null,
			section: e.section ?? null,
			purpose: e.purpose ?? null,
			ipHash: e.ipHash ?? null,
			details: e.details ?? null
		}))
	);
}

export type AuditRow = typeof auditEvent.$inferSelect;

export function createAuditRepository({ db }: { db: Database }) {
	/** One organisation's trail, newest first, keyset-paginated by id. */
	async function listForOrganisation(
		organisationId: string,
		{ before, action, since, limit = 50 }: { before?: number; action?: string; since?: Date; limit?: number } = {}
	): Promise<AuditRow[]> {
		const conditions: SQL[] = [eq(auditEvent.organisationId, organisationId)];
		if (before) conditions.push(lt(auditEvent.id, before));
		if (action) conditions.push(eq(auditEvent.action, action));
		if (since) conditions.push(gte(auditEvent.at, since));
		return db
			.select()
			.from(auditEvent)
			.where(and(...conditions))
			.orderBy(desc(auditEvent.id))
			.limit(limit);
	}

	async function listForSubject(subjectType: string, subjectId: string): Promise<AuditRow[]> {
		return db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.subjectType, subjectType), eq(auditEvent.subjectId, subjectId)))
			.orderBy(desc(auditEvent.id));
	}

	return { listForOrganisation, listForSubject };
}
