import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { catalogues } from '../i18n/catalogues';
import { auditEvent } from '../audit/audit.table';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import type { CaseAccess } from './cases.policy';

/**
 * A file's timeline: the audit rows of its changes (reads, recorded as '*.viewed', are left out),
 * newest first. Only rows whose section the actor sees are read, so a grantee never learns that,
 * say, a restricted note was added; a row without a section concerns the whole file.
 * Every part records its changes that way (subject 'case_file', the file's id, the section).
 */
export type TimelineEntry = {
	id: number;
	at: Date;
	action: string;
	/** The catalogue key of the action's label (a generic one for actions without a label). */
	label: string;
	section: string | null;
	actorName: string | null;
	organisationName: string | null;
	/** Identity fields a correction changed (names only). */
	fields: string[];
};

export const TIMELINE_PAGE = 50;

/** The label of an action: `pro.cases.timeline.<action>` when the catalogue has it. */
export function timelineLabel(action: string): string {
	const key = `pro.cases.timeline.${action}`;
	return key in catalogues.fr ? key : 'pro.cases.timeline.other';
}

export async function fileTimeline(db: Database, fileId: string, access: CaseAccess, { before, limit = TIMELINE_PAGE }: { before?: number; limit?: number } = {}): Promise<{ entries: TimelineEntry[]; more: number | null }> {
	const sections = [...access.sections];
	const rows = await db
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			action: auditEvent.action,
			section: auditEvent.section,
			details: auditEvent.details,
			actorName: userAccount.name,
			organisationName: organisation.name
		})
		.from(auditEvent)
		.leftJoin(userAccount, eq(userAccount.id, auditEvent.actorUserId))
		.leftJoin(organisation, eq(organisation.id, auditEvent.organisationId))
		.where(
			and(
				eq(auditEvent.subjectType, 'case_file'),
				eq(auditEvent.subjectId, fileId),
				sql`${auditEvent.action} not like '%.viewed'`,
				sections.length ? or(isNull(auditEvent.section), inArray(auditEvent.section, sections)) : isNull(auditEvent.section),
				before ? lt(auditEvent.id, before) : undefined
			)
		)
		.orderBy(desc(auditEvent.id))
		.limit(limit + 1);
	const entries = rows.slice(0, limit).map((r) => {
		const details = (r.details ?? {}) as Record<string, unknown>;
		return {
			id: r.id,
			at: r.at,
			action: r.action,
			label: timelineLabel(r.action),
			section: r.section,
			actorName: r.actorName,
			organisationName: r.organisationName,
			fields: typeof details.fields === 'string' && details.fields ? details.fields.split(',') : []
		};
	});
	return { entries, more: rows.length > limit ? entries[entries.length - 1]!.id : null };
}
