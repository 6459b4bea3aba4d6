import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '$lib/i18n/locales';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { catalogues } from '../../i18n/catalogues';
import { listFileAccess } from './access-log.repository';
import { accessStatement } from './access-statement';
import { exportCaseFile } from './export.usecases';
import { renderRightsPdf } from './rights.pdf';
import { actorOf, person, recordRead, seedRightsFixture, useTestCaseContent, type Fixture } from './rights.testing';

let handle: DatabaseHandle;
let f: Fixture;
const now = new Date('2026-11-28T10:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'rights-pdf-'));
const testContent = useTestCaseContent();

/** The text poppler extracts from a PDF, without the direction marks it adds around right-to-left runs. */
function pdfText(pdf: Buffer, name: string): string {
	const file = join(work, name);
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
const words = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
	handle = await freshDatabase();
	f = await seedRightsFixture(handle.db);
	await recordRead(handle.db, actorOf(f.workerA, [[f.orgA.id, 'worker']]), f.file.id);
	await recordRead(handle.db, actorOf(f.workerB, [[f.orgB.id, 'worker']]), f.file.id, 'parcours');
}, 60_000);
afterAll(async () => {
	await handle?.close();
	testContent.done();
});

describe.each(['fr', 'ar'] as Locale[])('the person’s documents in %s', (locale) => {
	const t = (key: string) => catalogues[locale][key]!;

	it('prints who accessed the file: the organisations, in the person’s language', async () => {
		const entries = await listFileAccess(handle.db, f.file.id);
		const doc = accessStatement({ entries, reference: f.file.id.slice(0, 8), personName: `${person.firstName} ${person.lastName}`, ownerOrganisationName: f.orgA.name, names: false }, { locale, now });
		const pdf = await renderRightsPdf(doc, now);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const text = words(pdfText(pdf, `statement-${locale}.pdf`));
		// (Arabic words with vowel marks come out of pdftotext in pieces: the checks use words without them.)
		if (locale === 'fr') expect(text).toContain(t('pro.cases.access.statement.title'));
		expect(text).toContain(t('pro.cases.access.statement.summary'));
		expect(text).toContain(t('pro.cases.access.statement.detail'));
		expect(text).toContain(f.orgB.name);
		expect(text).toContain(person.firstName);
		expect(text).not.toContain('Bruno Partner');
	});

	it('prints everything held about the person', async () => {
		const { document } = (await exportCaseFile(handle.db, f.file.id, { locale, format: 'pdf', now, actorUserId: f.adminA.id, organisationId: f.orgA.id, ipHash: null }))!;
		const text = words(pdfText(await renderRightsPdf(document, now), `export-${locale}.pdf`));
		for (const piece of [t('pro.cases.rights.field.municipality'), t('pro.cases.rights.part.consents'), t('pro.cases.rights.consentPurpose.referral'), person.lastName, person.email, person.phone, f.orgB.name]) expect(text).toContain(piece);
	});
});
