import { eq, inArray } from 'drizzle-orm';
import { addDays, brusselsToday } from '../agenda/brussels-time';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import type { DemoSeeder } from '../instance/instance';
import { sessionAt, weeklyDates } from './courses.sessions';
import { course, courseSession } from './courses.table';

type DemoCourse = {
	org: string;
	values: Omit<typeof course.$inferInsert, 'organisationId' | 'startsOn' | 'endsOn' | 'totalHours'>;
	/** ISO weekdays and Brussels times of the weekly sessions. */
	weekdays: number[];
	start: string;
	end: string;
	/** Weeks before and after today the course runs. */
	weeksBefore: number;
	weeksAfter: number;
};

const seraing = 'Maison des Langues de Seraing (fictive)';
const herstal = 'Espace Rencontres Herstal (fictif)';
const huy = 'Atelier Tremplin Huy (fictif)';
const cri = 'CRIPEL (démo)';

/** A believable offer over the territory: FLE at every level, evening and Saturday classes, childcare. */
const demos: DemoCourse[] = [
	{ org: seraing, values: { axis: 'fle', level: 'alpha', focus: 'both', title: 'Alpha FLE — alphabétisation en français', description: 'Apprendre à lire et à écrire en français, pas à pas, en petit groupe. Pour les personnes qui n’ont pas ou peu été à l’école.', nisCode: '62096', address: 'Rue de la Fictive 12', capacity: 10, childcarePlaces: 6, languages: ['fr', 'ar'], registrationMode: 'appointment', funder: 'wallonie-ili', status: 'published' }, weekdays: [1, 3], start: '09:00', end: '12:00', weeksBefore: 10, weeksAfter: 14 },
	{ org: seraing, values: { axis: 'fle', level: 'a1', focus: 'oral', title: 'FLE A1 oral — cours du soir', description: 'Parler et comprendre le français de tous les jours : se présenter, faire ses courses, prendre rendez-vous. Cours du soir pour les personnes qui travaillent.', nisCode: '62096', address: 'Rue de la Fictive 12', capacity: 12, childcarePlaces: 4, languages: ['fr'], registrationMode: 'test', funder: 'wallonie-ili', status: 'published' }, weekdays: [2, 4], start: '18:00', end: '20:30', weeksBefore: 8, weeksAfter: 16 },
	{ org: seraing, values: { axis: 'citizenship', title: 'Formation à la citoyenneté (60 h)', description: 'Comprendre la Belgique et la Wallonie : institutions, droits et devoirs, logement, santé, emploi. Avec interprètes. Compte pour le Parcours d’intégration.', nisCode: '62096', address: 'Rue de la Fictive 12', capacity: 15, childcarePlaces: 0, interpreterLanguages: ['ar', 'fa', 'uk', 'ti'], languages: ['fr'], registrationMode: 'open', funder: 'wallonie-ili', status: 'published' }, weekdays: [5], start: '09:00', end: '13:00', weeksBefore: 6, weeksAfter: 9 },
	{ org: herstal, values: { axis: 'fle', level: 'a1', focus: 'both', title: 'FLE A1 — Herstal', description: 'Cours de français pour débutants, oral et écrit, trois matinées par semaine.', nisCode: '62051', address: 'Rue Imaginaire 3', capacity: 14, childcarePlaces: 0, languages: ['fr'], registrationMode: 'open', funder: 'wallonie-ili', status: 'published' }, weekdays: [1, 2, 4], start: '09:00', end: '12:00', weeksBefore: 4, weeksAfter: 20 },
	{ org: herstal, values: { axis: 'fle', level: 'b1', focus: 'both', title: 'FLE B1 — le samedi', description: 'Pour progresser vers le niveau B1 (utile pour l’emploi et la nationalité), le samedi matin, avec garderie.', nisCode: '62051', address: 'Rue Imaginaire 3', capacity: 12, childcarePlaces: 5, languages: ['fr'], registrationMode: 'test', funder: 'wallonie-ili', status: 'published' }, weekdays: [6], start: '09:30', end: '12:30', weeksBefore: 6, weeksAfter: 18 },
	{ org: huy, values: { axis: 'isp', title: 'Préformation : vers l’emploi dans l’aide aux personnes', description: 'Découvrir les métiers de l’aide aux personnes, préparer un projet professionnel, stage d’observation. Français A2 conseillé.', nisCode: '61031', address: 'Quai Inventé 8', capacity: 12, childcarePlaces: 0, languages: ['fr'], prerequisites: 'Français oral niveau A2', registrationMode: 'appointment', funder: 'wallonie-cisp', status: 'published' }, weekdays: [1, 2, 3, 4], start: '08:30', end: '12:30', weeksBefore: 8, weeksAfter: 12 },
	{ org: huy, values: { axis: 'digital', title: 'PMTIC — premiers pas avec l’ordinateur et le smartphone', description: 'Utiliser un ordinateur, une adresse e-mail, les sites de l’administration et de l’emploi.', nisCode: '61031', address: 'Quai Inventé 8', capacity: 10, childcarePlaces: 0, languages: ['fr'], registrationMode: 'open', funder: 'wallonie-cisp', status: 'published' }, weekdays: [5], start: '13:00', end: '16:00', weeksBefore: 3, weeksAfter: 9 },
	{ org: cri, values: { axis: 'interculturality', title: 'Atelier « Vivre ensemble à Liège »', description: 'Échanges sur les codes culturels, la vie de quartier et les institutions, avec des habitants de Liège.', nisCode: '62063', address: 'Place Xavier Neujean 19b', capacity: 20, childcarePlaces: 0, interpreterLanguages: ['ar', 'en'], languages: ['fr'], registrationMode: 'open', status: 'draft' }, weekdays: [3], start: '14:00', end: '16:00', weeksBefore: -2, weeksAfter: 10 }
];

export const coursesDemoSeeder: DemoSeeder = {
	name: 'courses',
	async seed(db: Database) {
		const orgs = await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.name, [seraing, herstal, huy, cri]));
		const idOf = new Map(orgs.map((o) => [o.name, o.id]));
		const today = brusselsToday(new Date());
		for (const d of demos) {
			const organisationId = idOf.get(d.org);
			if (!organisationId) continue;
			const startsOn = addDays(today, -7 * d.weeksBefore);
			const endsOn = addDays(today, 7 * d.weeksAfter);
			const sessions = weeklyDates(startsOn, endsOn, d.weekdays).map((date) => sessionAt(date, d.start, d.end));
			const minutes = sessions.reduce((sum, s) => sum + s.minutes, 0);
			const [row] = await db
				.insert(course)
				.values({
					...d.values,
					organisationId,
					startsOn,
					endsOn,
					totalHours: Math.round(minutes / 60),
					hasEvening: sessions.some((s) => s.evening),
					hasWeekend: sessions.some((s) => s.weekend)
				})
				.returning({ id: course.id });
			if (sessions.length) await db.insert(courseSession).values(sessions.map((s) => ({ ...s, courseId: row!.id })));
		}
	}
};

/** The demo course of an organisation with that title (for other domains' demo data). */
export async function demoCourse(db: Database, title: string) {
	const [row] = await db.select().from(course).where(eq(course.title, title));
	return row ?? null;
}
