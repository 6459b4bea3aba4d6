import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { caseFile } from '../cases/cases.table';
import type { Database } from '../db/client';
import { service, serviceTaxonomy } from '../directory/directory.table';
import type { DemoSeeder } from '../instance/instance';
import { course, enrolment } from './courses.table';

const DAY = 86_400_000;
type Person = { firstName: string; phone?: string; email?: string; locale?: string; nisCode?: string; childcare?: boolean; interpreter?: string; elsewhere?: boolean; source?: 'public' | 'direct'; daysAgo: number };

// Fictitious people: believable first names of the territory's newcomers, invented contacts.
const phone = (n: number) => `0470 00 ${String(20 + Math.floor(n / 100)).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;
const enrolledA1: Person[] = ['Fatima', 'Olena', 'Moussa', 'Hamid', 'Aïcha', 'Dmytro', 'Senait', 'Bilal', 'Rania', 'Kwame', 'Tamana'].map((firstName, i) => ({ firstName, phone: phone(i + 1), daysAgo: 70 - i }));
const waitingA1: Person[] = [
	{ firstName: 'Zahra', phone: phone(20), locale: 'fa', nisCode: '62096', childcare: true, interpreter: 'fa', daysAgo: 41, source: 'public' },
	{ firstName: 'Ibrahima', phone: phone(21), nisCode: '62096', daysAgo: 33, source: 'direct' },
	{ firstName: 'Natalia', email: 'natalia.demo@example.org', locale: 'uk', nisCode: '62096', childcare: true, daysAgo: 27, source: 'public', elsewhere: true },
	{ firstName: 'Abdi', phone: phone(22), locale: 'en', nisCode: '62120', interpreter: 'so', daysAgo: 19, source: 'public' },
	{ firstName: 'Sahar', phone: phone(23), locale: 'ar', nisCode: '62096', childcare: true, interpreter: 'ar', daysAgo: 12, source: 'direct' },
	{ firstName: 'Mehmet', email: 'mehmet.demo@example.org', locale: 'tr', nisCode: '62027', daysAgo: 6, source: 'public' }
];
const others: { title: string; people: Person[]; status: 'enrolled' | 'waiting' }[] = [
	{ title: 'Alpha FLE — alphabétisation en français', status: 'enrolled', people: ['Khadija', 'Amadou', 'Halima', 'Gul', 'Mariama', 'Yusuf'].map((firstName, i) => ({ firstName, phone: phone(40 + i), daysAgo: 80 - i })) },
	{ title: 'Alpha FLE — alphabétisation en français', status: 'waiting', people: [{ firstName: 'Farida', phone: phone(50), locale: 'ar', childcare: true, daysAgo: 15, source: 'direct' }] },
	{ title: 'Préformation : vers l’emploi dans l’aide aux personnes', status: 'enrolled', people: ['Claudine', 'Ana', 'Liridona', 'Esperance', 'Ruslan', 'Nadia', 'Omar', 'Sofia'].map((firstName, i) => ({ firstName, phone: phone(60 + i), daysAgo: 60 - i })) },
	{ title: 'PMTIC — premiers pas avec l’ordinateur et le smartphone', status: 'enrolled', people: ['Hawa', 'Tigist', 'Samuel', 'Leila', 'Pavel'].map((firstName, i) => ({ firstName, phone: phone(70 + i), daysAgo: 25 - i })) }
];

/**
 * Demand on the demo courses (after coursesDemoSeeder): Seraing's evening A1 class is full (eleven
 * enrolled, one seat offered) with a waiting list — childcare needs, interpreter languages, one
 * person who agreed to a seat elsewhere (Herstal's A1 has seats); people enrolled at Seraing and
 * Huy; two requests from demo case files. Herstal's trainees belong to the registers' demo data.
 */
export const coursesDemandDemoSeeder: DemoSeeder = {
	name: 'courses-demand',
	async seed(db: Database) {
		const now = Date.now();
		const byTitle = async (title: string) => (await db.select().from(course).where(eq(course.title, title)))[0] ?? null;
		const evening = await byTitle('FLE A1 oral — cours du soir');
		if (!evening) return;
		const insert = (c: typeof evening, p: Person, status: string, extra: Partial<typeof enrolment.$inferInsert> = {}) => {
			const requestedAt = new Date(now - p.daysAgo * DAY);
			return db.insert(enrolment).values({
				courseId: c.id,
				organisationId: c.organisationId,
				source: p.source ?? 'direct',
				firstName: p.firstName,
				phone: p.phone ?? null,
				email: p.email ?? null,
				locale: p.locale ?? 'fr',
				nisCode: p.nisCode ?? c.nisCode,
				needsChildcare: p.childcare ?? false,
				interpreterLanguage: p.interpreter ?? null,
				elsewhereConsentAt: p.elsewhere ? requestedAt : null,
				status,
				requestedAt,
				enrolledAt: status === 'enrolled' ? new Date(Math.max(requestedAt.getTime() + 3 * DAY, Date.parse(`${c.startsOn}T18:00:00Z`))) : null,
				...extra
			});
		};
		for (const p of enrolledA1) await insert(evening, p, 'enrolled');
		await insert(evening, { firstName: 'Lina', phone: phone(30), locale: 'ar', daysAgo: 48 }, 'offered', { offeredAt: new Date(now - 2 * DAY), offerExpiresAt: new Date(now + 5 * DAY) });
		for (const p of waitingA1) await insert(evening, p, 'waiting');
		for (const group of others) {
			const c = await byTitle(group.title);
			if (c) for (const p of group.people) await insert(c, p, group.status);
		}
		// Requests from two of Seraing's demo case files (the file's identity is used, nothing copied).
		const files = await db
			.select({ id: caseFile.id, firstName: caseFile.firstName })
			.from(caseFile)
			.where(and(eq(caseFile.ownerOrganisationId, evening.organisationId), inArray(caseFile.firstName, ['Amal', 'Yonas']), eq(caseFile.status, 'open')));
		const citizenship = await byTitle('Formation à la citoyenneté (60 h)');
		for (const f of files) {
			const target = f.firstName === 'Amal' ? evening : citizenship;
			if (!target) continue;
			await db.insert(enrolment).values({
				courseId: target.id,
				organisationId: target.organisationId,
				source: 'case_file',
				caseFileId: f.id,
				locale: f.firstName === 'Amal' ? 'ar' : 'ti',
				needsChildcare: f.firstName === 'Amal',
				interpreterLanguage: f.firstName === 'Yonas' ? 'ti' : null,
				status: 'waiting',
				requestedAt: new Date(now - (f.firstName === 'Amal' ? 9 : 4) * DAY)
			});
		}
		// The public pages of Seraing's two French classes: a published service of their organisation
		// (FLE first) shows their "I'm interested" forms, unless the offer already linked them.
		const [svc] = await db
			.select({ id: service.id })
			.from(service)
			.leftJoin(serviceTaxonomy, and(eq(serviceTaxonomy.serviceId, service.id), eq(serviceTaxonomy.termId, 'fle')))
			.where(and(eq(service.organisationId, evening.organisationId), eq(service.status, 'published')))
			.orderBy(sql`${serviceTaxonomy.termId} is null`, asc(service.id))
			.limit(1);
		if (svc) {
			await db
				.update(course)
				.set({ serviceId: svc.id })
				.where(and(eq(course.organisationId, evening.organisationId), inArray(course.title, ['FLE A1 oral — cours du soir', 'Alpha FLE — alphabétisation en français']), isNull(course.serviceId)));
		}
	}
};
