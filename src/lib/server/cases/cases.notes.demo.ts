import { asc, eq } from 'drizzle-orm';
import { loadConfig } from '../config/config';
import { deriveKeys } from '../crypto/crypto';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import { instanceSecret, type DemoSeeder } from '../instance/instance';
import { createDocumentStore } from './cases.documents.storage';
import { createCaseDocuments } from './cases.documents.usecases';
import { createCaseFacts } from './cases.facts.usecases';
import { createCaseNotes } from './cases.notes.usecases';
import { caseFile } from './cases.table';
import { buildKeyring } from './restricted-crypto';

/** A one-page PDF, written by hand: the demo's registration form (no real person). */
function demoPdf(): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		null,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	const stream = 'BT /F1 16 Tf 72 770 Td (Fiche d inscription FLE - exemple fictif) Tj ET';
	objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(body.length);
		body += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

/**
 * Demo notes, a confidential situation and a document on the first case file of the demo ILI (one
 * is opened, pseudonymous, when the files' demo has none). Restricted content is encrypted with the
 * keys the app will use: this runs before the runtime exists, so it reads the same configuration.
 */
export const casesNotesDemoSeeder: DemoSeeder = {
	name: 'case notes and documents',
	async seed(db: Database) {
		const [ili] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, 'Maison des Langues de Seraing (fictive)'));
		const [worker] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'ili.travailleur@demo.passerelle.be'));
		const [coordinator] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'ili.coordination@demo.passerelle.be'));
		if (!ili || !worker || !coordinator) return;
		let [file] = await db.select({ id: caseFile.id }).from(caseFile).where(eq(caseFile.ownerOrganisationId, ili.id)).orderBy(asc(caseFile.createdAt)).limit(1);
		file ??= (await db.insert(caseFile).values({ ownerOrganisationId: ili.id, firstName: 'Nour', pseudonymous: true, birthYear: 1994, preferredLanguages: ['ar', 'fr'], nisCode: '62096', assignedUserId: worker.id, createdBy: worker.id }).returning({ id: caseFile.id }))[0]!;

		const config = loadConfig();
		const keys = buildKeyring(config.casesEncryptionKeys, deriveKeys(await instanceSecret(db, config.secret)).encryption);
		const as = (userId: string) => ({ userId, organisationId: ili.id, ipHash: null });
		const notes = createCaseNotes({ db, keys });
		await notes.add(file.id, { sensitivity: 'general', body: 'Inscrite au module FLE A1 du lundi et du jeudi matin. Garderie demandée pour sa fille de 3 ans.' }, as(worker.id));
		await notes.add(file.id, { sensitivity: 'social', body: 'Rendez-vous au CPAS pour une aide au logement ; accompagnement proposé par l’équipe.' }, as(coordinator.id));
		await notes.add(file.id, { sensitivity: 'restricted', body: 'Convocation reçue pour un entretien ; elle souhaite être accompagnée et qu’un interprète en arabe soit présent.' }, as(worker.id));
		const facts = createCaseFacts({ db, keys });
		await facts.save(file.id, 'residence', { code: 'asylum_seeker', date: null, text: 'Procédure en cours (exemple fictif).' }, 0, as(worker.id));
		await facts.save(file.id, 'health', { code: 'psychological_support', date: null, text: 'Suivie par un service de santé mentale (exemple fictif).' }, 0, as(coordinator.id));
		await createCaseDocuments({ db, keys, store: createDocumentStore(config.documentsDir) }).upload(
			file.id,
			{ sensitivity: 'general', kind: 'pdf', fileName: 'fiche-inscription-fle.pdf', bytes: demoPdf() },
			as(worker.id)
		);
	}
};
