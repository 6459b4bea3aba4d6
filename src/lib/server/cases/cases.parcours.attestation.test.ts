import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { organisation, userAccount } from '../identity/identity.table';
import { operator } from '../instance/instance';
import type { SignedIn } from '../policy/policy';
import { attestationAllowed, attestationPdf } from './cases.parcours.attestation';
import { parcoursDemoSeeder } from './cases.parcours.demo';
import { createParcours } from './cases.parcours.usecases';
import { worklist } from './cases.parcours.worklist';
import { caseFile } from './cases.table';

let handle: DatabaseHandle;
const work = mkdtempSync(join(tmpdir(), 'attestation-test-'));
const now = new Date('2026-11-28T10:00:00Z');

function pdfText(pdf: Buffer, name: string): string {
	const file = join(work, name);
	writeFileSync(file, pdf);
	// Direction marks pdftotext adds around right-to-left text are dropped.
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

beforeAll(async () => {
	handle = await freshDatabase();
	// The demo accounts (a cheap stand-in for Argon2: no one signs in here), then the demo Parcours.
	await identityDemoSeeder(async (p) => `plain:${p}`).seed(handle.db);
	await parcoursDemoSeeder.seed(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

const parcours = () => createParcours({ db: handle.db, cutoff: '2025-01-01' });
async function demoFiles() {
	const [ili] = await handle.db.select().from(organisation).where(eq(organisation.name, 'Maison des Langues de Seraing (fictive)'));
	return { ili: ili!, files: await handle.db.select().from(caseFile).where(eq(caseFile.ownerOrganisationId, ili!.id)).orderBy(caseFile.createdAt, caseFile.id) };
}

describe('the demo Parcours', () => {
	it('gives the ILI worker a file overdue, others coming, and files without movement', async () => {
		const { ili, files } = await demoFiles();
		expect(files).toHaveLength(3);
		const [worker] = await handle.db.select().from(userAccount).where(eq(userAccount.email, 'ili.travailleur@demo.passerelle.be'));
		const actor: SignedIn = { kind: 'user', userId: worker!.id, sessionId: 's', name: 'w', email: 'w', locale: 'fr', platformRoles: new Set(), memberships: new Map([[ili.id, 'worker']]), hasSecondFactor: true, secondFactorPassed: true };
		const w = await worklist(handle.db, actor, { idleDays: 30 }, new Date());
		expect(w.overdue.map((r) => r.firstName)).toEqual(['Yonas']);
		expect(w.coming.map((r) => r.firstName).sort()).toEqual(['Amal', 'Oksana']);
		expect(w.idle.map((r) => r.firstName)).toEqual(['Yonas']);
	});
});

describe('the attestation de fréquentation', () => {
	it('is refused while the module d’accueil is not done', async () => {
		const f = (await handle.db.insert(caseFile).values({ ownerOrganisationId: (await demoFiles()).ili.id, firstName: 'Nouveau' }).returning())[0]!;
		expect(attestationAllowed((await parcours().view(f.id)).steps)).toBe(false);
		const [done] = (await demoFiles()).files;
		expect(attestationAllowed((await parcours().view(done!.id)).steps)).toBe(true);
	});

	it('prints the CRI, the person, the modules with dates and hours, the place and date and a signature block, in French', async () => {
		const { files, ili } = await demoFiles();
		const oksana = files.find((f) => f.firstName === 'Oksana')!;
		const view = await parcours().view(oksana.id);
		const pdf = await attestationPdf({ file: { ...oksana, birthDate: '1984-03-07' }, steps: view.steps, organisations: new Map([[ili.id, ili.name]]), operator, locale: 'fr', now });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		// Compared without spaces and hyphens: lines break inside table cells, and pdftotext joins a word cut at its hyphen.
		const squash = (s: string) => s.replace(/[\s-]+/g, '');
		const text = pdfText(pdf, 'fr.pdf');
		for (const piece of [
			'CRIPEL asbl',
			'Place Xavier Neujean 19b, 4000 Liège',
			'Attestation de fréquentation',
			'Oksana Melnyk (fictive)',
			'7 mars 1984',
			'Module d’accueil',
			'Formation en français',
			'400 h',
			'Formation à la citoyenneté',
			'60 h',
			'Orientation socio-professionnelle',
			'FOREM Liège (démo)',
			'Maison des Langues de Seraing (fictive)',
			'Fait à Liège, le 28 novembre 2026.',
			'Pour le CRIPEL,',
			'Signature et cachet'
		])
			expect(squash(text)).toContain(squash(piece));
		// Steps not followed are left out; no "translation" notice on the original.
		expect(text).not.toContain('Traduction pour information');
	});

	it('prints in the person’s language on request, marked as a translation, names and address kept in French', async () => {
		const { files, ili } = await demoFiles();
		const oksana = files.find((f) => f.firstName === 'Oksana')!;
		const view = await parcours().view(oksana.id);
		const uk = pdfText(await attestationPdf({ file: oksana, steps: view.steps, organisations: new Map([[ili.id, ili.name]]), operator, locale: 'uk', now }), 'uk.pdf').replace(/\s+/g, ' ');
		for (const piece of ['Довідка про відвідування', 'Переклад для інформації', 'Курс французької мови', 'Рік народження', '1984', 'CRIPEL asbl', 'Oksana Melnyk (fictive)']) expect(uk).toContain(piece);
		const ar = pdfText(await attestationPdf({ file: oksana, steps: view.steps, organisations: new Map([[ili.id, ili.name]]), operator, locale: 'ar', now }), 'ar.pdf');
		for (const piece of ['شهادة الحضور', 'دروس اللغة الفرنسية', 'CRIPEL asbl']) expect(ar).toContain(piece);
	});
});
