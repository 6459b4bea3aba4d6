import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { runtime } from '../../src/lib/server/app/runtime';
import { auditEvent } from '../../src/lib/server/audit/audit.table';
import { caseKeyring } from '../../src/lib/server/cases/case-keyring';
import { createDocumentStore } from '../../src/lib/server/cases/cases.documents.storage';
import { createCaseDocuments } from '../../src/lib/server/cases/cases.documents.usecases';
import { createCaseNotes } from '../../src/lib/server/cases/cases.notes.usecases';
import { caseFile, caseGrant, consent } from '../../src/lib/server/cases/cases.table';
import { createIdentityRepository } from '../../src/lib/server/identity/identity.repository';
import { createSessions, SESSION_COOKIE } from '../../src/lib/server/identity/sessions';
import type { OrganisationRole } from '../../src/lib/server/policy/policy';
import { startInProcess } from './in-process';

// Real notes and documents of a file, requested over HTTP by each kind of person: the owner's
// worker and reader, an organisation granted the general notes, one granted the restricted
// section, and the latter once its grant is revoked. Every page and download is audited once per
// section it shows; refused ones leave no read row.

let app: Awaited<ReturnType<typeof startInProcess>>;
const people = new Map<string, string>();
let fileId = '';
const doc = { general: '', restricted: '' };
const pdf = Buffer.from('%PDF-1.4\n% test\n%%EOF\n', 'latin1');

beforeAll(async () => {
	app = await startInProcess();
	const db = runtime().database.db;
	const repo = createIdentityRepository({ db });
	const org = async (name: string) => (await repo.organisations.create({ name, kind: 'ili', nisCode: '62096' })).id;
	const [a, b, c] = [await org('ILI A'), await org('ILI B'), await org('ILI C')];
	const person = async (key: string, orgId: string, role: OrganisationRole) => {
		const user = await repo.users.create({ email: `${key}@documents.test`, name: key, locale: 'fr', platformRoles: [] });
		await repo.users.update(user.id, { totpEnabledAt: new Date() });
		await repo.members.add(user.id, orgId, role);
		people.set(key, user.id);
	};
	await person('workerA', a, 'worker');
	await person('readerA', a, 'reader');
	await person('workerB', b, 'worker');
	await person('workerC', c, 'worker');
	[{ id: fileId }] = (await db.insert(caseFile).values({ ownerOrganisationId: a, firstName: 'Fichier' }).returning({ id: caseFile.id })) as [{ id: string }];
	const [given] = await db.insert(consent).values({ caseFileId: fileId, purpose: 'sharing', organisationIds: [b, c], sections: ['notes', 'restricted'], language: 'fr', givenOn: '2026-01-01' }).returning({ id: consent.id });
	const inMonth = new Date(Date.now() + 30 * 86_400_000);
	await db.insert(caseGrant).values([
		{ caseFileId: fileId, organisationId: b, sections: ['identity', 'notes'], consentId: given!.id, expiresAt: inMonth },
		{ caseFileId: fileId, organisationId: c, sections: ['identity', 'restricted'], consentId: given!.id, expiresAt: inMonth }
	]);
	const actor = { userId: people.get('workerA')!, organisationId: a, ipHash: null };
	const notes = createCaseNotes({ db, keys: caseKeyring() });
	await notes.add(fileId, { sensitivity: 'general', body: 'GENERAL-NOTE' }, actor);
	await notes.add(fileId, { sensitivity: 'social', body: 'SOCIAL-NOTE' }, actor);
	await notes.add(fileId, { sensitivity: 'restricted', body: 'RESTRICTED-NOTE' }, actor);
	const documents = createCaseDocuments({ db, keys: caseKeyring(), store: createDocumentStore(runtime().config.documentsDir) });
	doc.general = (await documents.upload(fileId, { sensitivity: 'general', kind: 'pdf', fileName: 'general.pdf', bytes: pdf }, actor)).id;
	doc.restricted = (await documents.upload(fileId, { sensitivity: 'restricted', kind: 'pdf', fileName: 'restricted.pdf', bytes: pdf }, actor)).id;
}, 240_000);

afterAll(async () => app?.close());

async function get(person: string, path: string) {
	const { token } = await createSessions({ db: runtime().database.db }).create(people.get(person)!, { secondFactorAt: new Date() });
	return app.request(path, { headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' }, redirect: 'manual' });
}

const reads = async (person: string) =>
	(await runtime().database.db.select().from(auditEvent).where(and(eq(auditEvent.actorUserId, people.get(person)!), eq(auditEvent.action, 'case_file.viewed')))).map((r) => ({
		section: r.section,
		purpose: r.purpose,
		document: (r.details as { documentId?: string } | null)?.documentId ?? null
	}));

describe('notes and documents over HTTP, person by person', () => {
	it('shows each person the notes of their sections only, with one read row per section shown', async () => {
		const page = async (person: string) => (await get(person, `/fr/pro/dossiers/${fileId}/notes`)).text();
		const worker = await page('workerA');
		expect([worker.includes('GENERAL-NOTE'), worker.includes('SOCIAL-NOTE'), worker.includes('RESTRICTED-NOTE')]).toEqual([true, true, true]);
		const reader = await page('readerA');
		expect([reader.includes('GENERAL-NOTE'), reader.includes('SOCIAL-NOTE'), reader.includes('RESTRICTED-NOTE')]).toEqual([true, true, false]);
		const b = await page('workerB');
		expect([b.includes('GENERAL-NOTE'), b.includes('SOCIAL-NOTE'), b.includes('RESTRICTED-NOTE')]).toEqual([true, false, false]);
		const c = await page('workerC');
		expect([c.includes('GENERAL-NOTE'), c.includes('SOCIAL-NOTE'), c.includes('RESTRICTED-NOTE')]).toEqual([false, false, true]);
		expect((await reads('workerA')).map((r) => r.section).sort()).toEqual(['notes', 'restricted', 'social']);
		expect((await reads('readerA')).map((r) => r.section).sort()).toEqual(['notes', 'social']);
		expect((await reads('workerB')).map((r) => r.section)).toEqual(['notes']);
		expect((await reads('workerC')).map((r) => r.section)).toEqual(['restricted']);
	});

	it('downloads a document only for those who see its section, and records each download', async () => {
		const download = async (person: string, id: string) => (await get(person, `/fr/pro/dossiers/${fileId}/documents/${id}`)).status;
		expect([await download('workerA', doc.general), await download('workerA', doc.restricted)]).toEqual([200, 200]);
		expect([await download('readerA', doc.general), await download('readerA', doc.restricted)]).toEqual([200, 404]);
		expect([await download('workerB', doc.general), await download('workerB', doc.restricted)]).toEqual([200, 404]);
		expect([await download('workerC', doc.general), await download('workerC', doc.restricted)]).toEqual([404, 200]);
		const res = await get('workerC', `/fr/pro/dossiers/${fileId}/documents/${doc.restricted}`);
		expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
		const downloads = (await reads('readerA')).filter((r) => r.purpose === 'download');
		expect(downloads).toEqual([{ section: 'notes', purpose: 'download', document: doc.general }]);

		// C's grant revoked: the file is gone for C, documents included.
		await runtime().database.db.update(caseGrant).set({ revokedAt: new Date(), revokedReason: 'manual' }).where(eq(caseGrant.caseFileId, fileId));
		expect(await download('workerC', doc.restricted)).toBe(404);
		expect((await get('workerC', `/fr/pro/dossiers/${fileId}/documents`)).status).toBe(404);
	});
});
