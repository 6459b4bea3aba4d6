import { actionLabel, isRead, purposeLabel, sectionLabel } from '$lib/cases/access-labels';
import type { Locale } from '$lib/i18n/locales';
import type { ExportContext, ExportTable } from './export-parts';
import type { AccessLogEntry } from './access-log.repository';
import { documentContext, documentFrame, type RightsDocument } from './rights.pdf';

/**
 * The statement a person receives about who accessed their file ("relevé des accès"), in their
 * language: a summary per organisation (first and last access, reads, changes), then every
 * access grouped by day, organisation, action, section and purpose.
 *
 * Workers' names are left out unless the owner organisation ticks "with the names": under GDPR
 * art. 15 the person is owed the recipients, dates and purposes of the processing; the staff who
 * act under an organisation's authority are not recipients, and their identity is given when the
 * person needs it to exercise their rights (CJEU C-579/21, 22 June 2023), which the organisation
 * weighs case by case (e.g. the person suspects a worker of looking without reason). The access
 * tab always shows the names, so the organisation can answer.
 */
export type StatementInput = {
	entries: AccessLogEntry[];
	reference: string;
	personName: string;
	ownerOrganisationName: string;
	names: boolean;
};

const unknownOrganisation = (ctx: ExportContext) => ctx.t('pro.cases.access.system');

/** Per organisation: first and last access, and how many reads and changes. */
export function summaryTable(entries: AccessLogEntry[], ctx: ExportContext): ExportTable {
	const byOrg = new Map<string, { name: string; first: Date; last: Date; reads: number; changes: number }>();
	for (const e of entries) {
		const key = e.organisationId ?? '';
		const row = byOrg.get(key) ?? { name: e.organisationName ?? unknownOrganisation(ctx), first: e.at, last: e.at, reads: 0, changes: 0 };
		if (e.at < row.first) row.first = e.at;
		if (e.at > row.last) row.last = e.at;
		if (isRead(e.action)) row.reads++;
		else row.changes++;
		byOrg.set(key, row);
	}
	const t = ctx.t;
	return {
		kind: 'table',
		columns: [t('pro.cases.access.organisation'), t('pro.cases.access.first'), t('pro.cases.access.last'), t('pro.cases.access.reads'), t('pro.cases.access.changes')],
		widths: [3, 2, 2, 1.6, 1.6],
		rows: [...byOrg.values()].sort((a, b) => b.last.getTime() - a.last.getTime()).map((r) => [r.name, ctx.date(r.first), ctx.date(r.last), String(r.reads), String(r.changes)])
	};
}

/** Every access, newest first, the same accesses of one day counted on one line. */
export function detailTable(entries: AccessLogEntry[], ctx: ExportContext, { names }: { names: boolean }): ExportTable {
	const t = ctx.t;
	// Accesses are counted per day as the reader reads dates (Brussels): the date shown is the key.
	const lines: { key: string; cells: (string | null)[]; count: number }[] = [];
	const index = new Map<string, (typeof lines)[number]>();
	for (const e of entries) {
		const who = e.actorUserId ? (e.actorName ?? '—') : t('pro.cases.access.system');
		const cells = [ctx.date(e.at), e.organisationName ?? unknownOrganisation(ctx), ...(names ? [who] : []), actionLabel(t, e.action), sectionLabel(t, e.section), purposeLabel(t, e.purpose)];
		const key = [cells[0], e.organisationId, names ? e.actorUserId : '', e.action, e.section, e.purpose].join('|');
		const line = index.get(key);
		if (line) line.count++;
		else {
			const created = { key, cells, count: 1 };
			index.set(key, created);
			lines.push(created);
		}
	}
	return {
		kind: 'table',
		columns: [t('pro.cases.access.when'), t('pro.cases.access.organisation'), ...(names ? [t('pro.cases.access.who')] : []), t('pro.cases.access.what'), t('pro.cases.access.section'), t('pro.cases.access.why'), t('pro.cases.access.times')],
		widths: names ? [2, 3, 2, 2, 2, 2, 1] : [2, 3, 2, 2, 2, 1],
		rows: lines.map((l) => [...l.cells, String(l.count)])
	};
}

export function accessStatement(input: StatementInput, { locale, now }: { locale: Locale; now: Date }): RightsDocument {
	const ctx = documentContext(locale, now);
	const t = ctx.t;
	const frame = documentFrame(ctx, {
		title: t('pro.cases.access.statement.title'),
		subtitle: [
			t('pro.cases.access.statement.person', { name: input.personName, reference: input.reference }),
			t('pro.cases.access.statement.owner', { organisation: input.ownerOrganisationName }),
			t('pro.cases.rights.printed', { date: ctx.date(now) })
		],
		intro: [t('pro.cases.access.statement.intro'), t(input.names ? 'pro.cases.access.statement.withNames' : 'pro.cases.access.statement.withoutNames', { organisation: input.ownerOrganisationName })]
	});
	return {
		...frame,
		parts: [
			{ title: t('pro.cases.access.statement.summary'), blocks: input.entries.length ? [summaryTable(input.entries, ctx)] : [] },
			{ title: t('pro.cases.access.statement.detail'), blocks: input.entries.length ? [detailTable(input.entries, ctx, { names: input.names })] : [] }
		]
	};
}
