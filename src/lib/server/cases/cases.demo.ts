import { eq } from 'drizzle-orm';
import { auditEvent } from '../audit/audit.table';
import type { Database } from '../db/client';
import { membership, userAccount } from '../identity/identity.table';
import type { DemoSeeder } from '../instance/instance';
import { caseFile, caseGrant, consent } from './cases.table';

type DemoFile = {
	firstName: string;
	lastName?: string;
	pseudonymous?: boolean;
	birthYear?: number;
	birthDate?: string;
	languages: string[];
	nisCode?: string;
	phone?: string;
	status?: 'open' | 'closed';
	/** Days since the file was opened, and since its last change. */
	openedDaysAgo: number;
	lastDaysAgo: number;
	/** Identity corrections after opening (field names), for the timeline. */
	corrections?: string[][];
};

// Fictitious people: invented names, plausible for the people the sector welcomes. No real person.
const seraing: DemoFile[] = [
	{ firstName: 'Amal', lastName: 'Benyahia', birthYear: 1991, languages: ['ar', 'fr'], nisCode: '62096', phone: '0470 00 01 01', openedDaysAgo: 210, lastDaysAgo: 3, corrections: [['phone']] },
	{ firstName: 'Oleksandra', lastName: 'Hrytsenko', birthYear: 1984, languages: ['uk', 'ru'], nisCode: '62096', openedDaysAgo: 400, lastDaysAgo: 12 },
	{ firstName: 'Samir', pseudonymous: true, birthYear: 2006, languages: ['ps', 'fa'], nisCode: '62096', openedDaysAgo: 60, lastDaysAgo: 1 },
	{ firstName: 'Mariam', lastName: 'Diallo', birthDate: '1998-05-14', birthYear: 1998, languages: ['fr'], nisCode: '62120', openedDaysAgo: 95, lastDaysAgo: 40, corrections: [['lastName'], ['nisCode']] },
	{ firstName: 'Yonas', lastName: 'Tesfamariam', birthYear: 1995, languages: ['ti', 'en'], nisCode: '62096', openedDaysAgo: 30, lastDaysAgo: 30 },
	{ firstName: 'Leyla', lastName: 'Demir', birthYear: 1979, languages: ['tr'], nisCode: '62027', openedDaysAgo: 700, lastDaysAgo: 180, status: 'closed' },
	{ firstName: 'Ahmad', lastName: 'Rahimi', birthYear: 1988, languages: ['fa'], nisCode: '62096', openedDaysAgo: 150, lastDaysAgo: 8 },
	{ firstName: 'Ahmed', lastName: 'Rahimy', birthYear: 1989, languages: ['fa', 'fr'], nisCode: '62096', openedDaysAgo: 14, lastDaysAgo: 14 }
];
const herstal: DemoFile[] = [
	{ firstName: 'Grace', lastName: 'Mbuyi', birthYear: 1993, languages: ['ln', 'fr'], nisCode: '62051', openedDaysAgo: 120, lastDaysAgo: 5 },
	{ firstName: 'Nour', pseudonymous: true, birthYear: 2001, languages: ['ar'], nisCode: '62051', openedDaysAgo: 45, lastDaysAgo: 20 }
];

const daysAgo = (n: number, now: Date) => new Date(now.getTime() - n * 86_400_000);

/** The organisation and its editing members, found through a demo account's membership. */
async function organisationOf(db: Database, email: string) {
	const [me] = await db.select({ organisationId: membership.organisationId }).from(membership).innerJoin(userAccount, eq(userAccount.id, membership.userId)).where(eq(userAccount.email, email));
	if (!me) return null;
	const members = await db.select({ userId: membership.userId, role: membership.role }).from(membership).where(eq(membership.organisationId, me.organisationId));
	return { id: me.organisationId, workers: members.filter((m) => m.role !== 'reader').map((m) => m.userId) };
}

async function seedFiles(db: Database, org: { id: string; workers: string[] }, files: DemoFile[], now: Date): Promise<string[]> {
	const ids: string[] = [];
	for (const [i, f] of files.entries()) {
		const worker = org.workers[i % org.workers.length] ?? null;
		const openedAt = daysAgo(f.openedDaysAgo, now);
		const lastAt = daysAgo(f.lastDaysAgo, now);
		const corrections = f.corrections ?? [];
		const [row] = await db
			.insert(caseFile)
			.values({
				ownerOrganisationId: org.id,
				firstName: f.firstName,
				lastName: f.lastName ?? null,
				pseudonymous: f.pseudonymous ?? false,
				birthYear: f.birthYear ?? null,
				birthDate: f.birthDate ?? null,
				preferredLanguages: f.languages,
				nisCode: f.nisCode ?? null,
				phone: f.phone ?? null,
				assignedUserId: worker,
				status: f.status ?? 'open',
				closedAt: f.status === 'closed' ? lastAt : null,
				version: 1 + corrections.length + (f.status === 'closed' ? 1 : 0),
				lastActivityAt: lastAt,
				createdBy: worker,
				createdAt: openedAt,
				updatedAt: lastAt
			})
			.returning({ id: caseFile.id });
		const id = row!.id;
		ids.push(id);
		// The timeline of each file: opened, corrected, closed (audit rows dated in the past).
		const base = { actorUserId: worker, organisationId: org.id, subjectType: 'case_file', subjectId: id };
		const events: (typeof auditEvent.$inferInsert)[] = [{ ...base, at: openedAt, action: 'case_file.created', section: null, details: { possibleDuplicates: 0, pseudonymous: f.pseudonymous ?? false } }];
		corrections.forEach((fields, n) => {
			const at = new Date(openedAt.getTime() + ((lastAt.getTime() - openedAt.getTime()) * (n + 1)) / (corrections.length + 1));
			events.push({ ...base, at, action: 'case_identity.updated', section: 'identity', details: { fields: fields.join(','), version: n + 2 } });
		});
		if (f.status === 'closed') events.push({ ...base, at: lastAt, action: 'case_file.closed', section: null, details: null });
		await db.insert(auditEvent).values(events);
	}
	return ids;
}

/** Demo case files: eight of the Maison des Langues de Seraing, two of Espace Rencontres Herstal (one shared with Seraing). */
export const casesDemoSeeder: DemoSeeder = {
	name: 'cases',
	async seed(db: Database) {
		const now = new Date();
		const ili = await organisationOf(db, 'ili.travailleur@demo.passerelle.be');
		const ili2 = await organisationOf(db, 'herstal@demo.passerelle.be');
		if (!ili || !ili2) return;
		await seedFiles(db, ili, seraing, now);
		const [grace] = await seedFiles(db, ili2, herstal, now);
		// Grace agreed that Herstal refers her to Seraing for French classes: identity and parcours shared.
		const [c] = await db
			.insert(consent)
			.values({ caseFileId: grace!, purpose: 'referral', organisationIds: [ili.id], sections: ['identity', 'parcours'], language: 'fr', givenOn: daysAgo(20, now).toISOString().slice(0, 10), recordedBy: ili2.workers[0] ?? null })
			.returning({ id: consent.id });
		await db.insert(caseGrant).values({ caseFileId: grace!, organisationId: ili.id, sections: ['identity', 'parcours'], consentId: c!.id, grantedAt: daysAgo(18, now), expiresAt: daysAgo(-180, now) });
	}
};
