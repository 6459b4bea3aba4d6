import { asc, eq, inArray } from 'drizzle-orm';
import { sectionLabel } from '$lib/cases/access-labels';
import { languageName } from '$lib/i18n/language-names';
import type { Database } from '../../db/client';
import { organisation, userAccount } from '../../identity/identity.table';
import { municipality } from '../../territory/territory.table';
import { caseFile, caseGrant, consent } from '../cases.table';
import { listFileAccess } from './access-log.repository';
import { detailTable, summaryTable } from './access-statement';
import { registerExportPart, type ExportContext } from './export-parts';
import { fileReference } from './reference';

// The export's parts for the core tables (case_file, consent, case_grant) and the audit trail.
// Their `data` shapes are described in ARCHITECTURE.md ("Rights of the person").

const yesNo = (ctx: ExportContext, v: boolean) => ctx.t(v ? 'pro.cases.rights.yes' : 'pro.cases.rights.no');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function organisationNames(db: Database, ids: string[]): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, unique));
	return new Map(rows.map((r) => [r.id, r.name]));
}

const languages = (ctx: ExportContext, codes: readonly string[]) => codes.map((c) => languageName(c, ctx.locale, ctx.t('pro.cases.rights.signLanguage'))).join(', ');
const sections = (ctx: ExportContext, codes: readonly string[]) => codes.map((s) => sectionLabel(ctx.t, s)).join(', ');

registerExportPart({
	key: 'identity',
	title: 'pro.cases.rights.part.identity',
	order: 10,
	async load(db, caseFileId, ctx) {
		const [row] = await db
			.select({ file: caseFile, owner: organisation.name, municipality: municipality.nameFr, assigned: userAccount.name })
			.from(caseFile)
			.innerJoin(organisation, eq(organisation.id, caseFile.ownerOrganisationId))
			.leftJoin(municipality, eq(municipality.nisCode, caseFile.nisCode))
			.leftJoin(userAccount, eq(userAccount.id, caseFile.assignedUserId))
			.where(eq(caseFile.id, caseFileId));
		if (!row) return { data: null, blocks: [] };
		const f = row.file;
		const t = ctx.t;
		const data = {
			id: f.id,
			reference: fileReference(f.id),
			status: f.status,
			ownerOrganisation: { id: f.ownerOrganisationId, name: row.owner },
			firstName: f.firstName,
			lastName: f.lastName,
			pseudonymous: f.pseudonymous,
			birthYear: f.birthYear,
			birthDate: f.birthDate,
			preferredLanguages: f.preferredLanguages,
			municipality: f.nisCode ? { nisCode: f.nisCode, name: row.municipality } : null,
			phone: f.phone,
			email: f.email,
			assignedWorker: row.assigned,
			createdAt: iso(f.createdAt),
			closedAt: iso(f.closedAt),
			anonymisedAt: iso(f.anonymisedAt),
			lastActivityAt: iso(f.lastActivityAt)
		};
		const field = (key: string, value: string | null | undefined) => ({ label: t(`pro.cases.rights.field.${key}`), value: value === undefined || value === '' ? null : value });
		return {
			data,
			blocks: [
				{
					kind: 'fields',
					fields: [
						field('reference', data.reference),
						field('firstName', f.firstName),
						field('lastName', f.lastName),
						field('pseudonymous', yesNo(ctx, f.pseudonymous)),
						field('birthYear', f.birthYear === null ? null : String(f.birthYear)),
						field('birthDate', f.birthDate ? ctx.date(f.birthDate) : null),
						field('languages', languages(ctx, f.preferredLanguages)),
						field('municipality', row.municipality),
						field('phone', f.phone),
						field('email', f.email),
						field('owner', row.owner),
						field('assigned', row.assigned),
						field('status', t(`pro.cases.status.${f.status}`)),
						field('createdAt', ctx.date(f.createdAt)),
						field('closedAt', f.closedAt ? ctx.date(f.closedAt) : null),
						field('anonymisedAt', f.anonymisedAt ? ctx.date(f.anonymisedAt) : null)
					]
				}
			]
		};
	}
});

registerExportPart({
	key: 'consents',
	title: 'pro.cases.rights.part.consents',
	order: 20,
	async load(db, caseFileId, ctx) {
		const rows = await db.select().from(consent).where(eq(consent.caseFileId, caseFileId)).orderBy(asc(consent.givenOn), asc(consent.createdAt));
		const names = await organisationNames(db, rows.flatMap((r) => r.organisationIds));
		const t = ctx.t;
		const orgs = (ids: string[]) => ids.map((id) => names.get(id) ?? id);
		return {
			data: rows.map((r) => ({
				id: r.id,
				purpose: r.purpose,
				organisations: r.organisationIds.map((id) => ({ id, name: names.get(id) ?? null })),
				sections: r.sections,
				language: r.language,
				interpreter: r.interpreter,
				givenOn: r.givenOn,
				expiresOn: r.expiresOn,
				revokedAt: iso(r.revokedAt)
			})),
			blocks: rows.map((r) => ({
				kind: 'fields' as const,
				heading: t(`pro.cases.rights.consentPurpose.${r.purpose}`),
				fields: [
					{ label: t('pro.cases.rights.field.givenOn'), value: ctx.date(r.givenOn) },
					{ label: t('pro.cases.rights.field.expiresOn'), value: r.expiresOn ? ctx.date(r.expiresOn) : t('pro.cases.rights.noExpiry') },
					{ label: t('pro.cases.rights.field.organisations'), value: r.organisationIds.length ? orgs(r.organisationIds).join(', ') : null },
					{ label: t('pro.cases.rights.field.sections'), value: r.sections.length ? sections(ctx, r.sections) : null },
					{ label: t('pro.cases.rights.field.consentLanguage'), value: languages(ctx, [r.language]) },
					{ label: t('pro.cases.rights.field.interpreter'), value: yesNo(ctx, r.interpreter) },
					{ label: t('pro.cases.rights.field.revokedAt'), value: r.revokedAt ? ctx.date(r.revokedAt) : null }
				]
			}))
		};
	}
});

registerExportPart({
	key: 'grants',
	title: 'pro.cases.rights.part.grants',
	order: 30,
	async load(db, caseFileId, ctx) {
		const rows = await db
			.select({ g: caseGrant, organisation: organisation.name })
			.from(caseGrant)
			.innerJoin(organisation, eq(organisation.id, caseGrant.organisationId))
			.where(eq(caseGrant.caseFileId, caseFileId))
			.orderBy(asc(caseGrant.grantedAt));
		const t = ctx.t;
		return {
			data: rows.map(({ g, organisation: name }) => ({
				id: g.id,
				organisation: { id: g.organisationId, name },
				sections: g.sections,
				consentId: g.consentId,
				referralId: g.referralId,
				grantedAt: iso(g.grantedAt),
				expiresAt: iso(g.expiresAt),
				revokedAt: iso(g.revokedAt),
				revokedReason: g.revokedReason
			})),
			blocks: rows.length
				? [
						{
							kind: 'table',
							columns: [t('pro.cases.access.organisation'), t('pro.cases.rights.field.sections'), t('pro.cases.rights.field.grantedAt'), t('pro.cases.rights.field.expiresAt'), t('pro.cases.rights.field.revokedAt')],
							widths: [3, 3, 2, 2, 2],
							rows: rows.map(({ g, organisation: name }) => [name, sections(ctx, g.sections), ctx.date(g.grantedAt), ctx.date(g.expiresAt), g.revokedAt ? ctx.date(g.revokedAt) : null])
						}
					]
				: []
		};
	}
});

registerExportPart({
	key: 'accessLog',
	title: 'pro.cases.rights.part.accessLog',
	order: 90,
	async load(db, caseFileId, ctx) {
		const entries = await listFileAccess(db, caseFileId);
		return {
			// Organisations, dates, actions, sections and purposes; workers' names and ids are not the person's data (see access-statement.ts).
			data: entries.map((e) => ({ at: e.at.toISOString(), organisation: e.organisationId ? { id: e.organisationId, name: e.organisationName } : null, action: e.action, section: e.section, purpose: e.purpose })),
			blocks: entries.length ? [summaryTable(entries, ctx), detailTable(entries, ctx, { names: false })] : []
		};
	}
});
