import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '$lib/i18n/translator';
import { brusselsInstant } from '../agenda/brussels-time';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { messagesFor } from '../i18n/catalogues';
import { createIdentityRepository } from '../identity/identity.repository';
import { ruleFormSchema } from './courses.funding.schemas';
import { createFunding, type Justification } from './courses.funding.usecases';
import { sessionAt } from './courses.sessions';
import { attendance, course, courseSession, enrolment } from './courses.table';
import { toFundingCsv, toFundingXlsx } from './funding/export';

// An ILI and a CISP with courses in the first quarter of 2026, their registers, and the rules of
// three funders; the justification as the organisation and its funder see it.
let handle: DatabaseHandle;
const ctx = { actorUserId: '', ipHash: 'test' };
const ids = { ili: '', cisp: '', fle: '', citizenship: '', fse: '', isp: '', digital: '' };
const q1 = { year: 2026, quarter: 1 } as const;
const afterQ1 = new Date('2026-06-01T10:00:00Z');
const t = createTranslator('fr', messagesFor('fr', ['courses.']));

async function addCourse(organisationId: string, axis: string, funder: string | null, title: string) {
	const [row] = await handle.db
		.insert(course)
		.values({ organisationId, axis, level: axis === 'fle' ? 'a1' : null, funder, title, nisCode: '62096', totalHours: 60, capacity: 12, startsOn: '2026-01-05', endsOn: '2026-06-30', status: 'published' })
		.returning({ id: course.id });
	return row!.id;
}
async function addSession(courseId: string, values: { startsAt: Date; endsAt: Date; minutes: number }, more: Partial<typeof courseSession.$inferInsert> = {}) {
	const [row] = await handle.db.insert(courseSession).values({ courseId, ...values, ...more }).returning({ id: courseSession.id });
	return row!.id;
}
async function addTrainees(courseId: string, organisationId: string, names: [string, string][]) {
	const rows = await handle.db
		.insert(enrolment)
		.values(names.map(([firstName, lastName]) => ({ courseId, organisationId, source: 'direct', firstName, lastName, status: 'enrolled' })))
		.returning({ id: enrolment.id });
	return rows.map((r) => r.id);
}
const present = (sessionId: string, enrolmentId: string, minutes: number) => ({ sessionId, enrolmentId, minutes, status: minutes > 0 ? 'present' : 'absent' });
const rule = (values: Record<string, string>) => ruleFormSchema.parse({ axis: '', organisationKind: '', validTo: '', ...values });

beforeAll(async () => {
	handle = await freshDatabase();
	const repo = createIdentityRepository({ db: handle.db });
	ids.ili = (await repo.organisations.create({ name: 'ILI de test', kind: 'ili', nisCode: '62096' })).id;
	ids.cisp = (await repo.organisations.create({ name: 'CISP de test', kind: 'cisp', nisCode: '61031' })).id;
	ctx.actorUserId = (await repo.users.create({ email: 'cri@funding.test', name: 'CRI', locale: 'fr', platformRoles: ['platform_admin'] })).id;

	ids.fle = await addCourse(ids.ili, 'fle', 'wallonie-ili', 'FLE A1 du matin');
	ids.citizenship = await addCourse(ids.ili, 'citizenship', 'wallonie-ili', 'Citoyenneté');
	ids.fse = await addCourse(ids.ili, 'other', 'fse', '=HYPERLINK("http://x.invalid","clic")');
	ids.isp = await addCourse(ids.cisp, 'isp', 'wallonie-cisp', 'Préformation');
	ids.digital = await addCourse(ids.cisp, 'digital', 'wallonie-cisp', 'PMTIC');

	// FLE: a locked 3-hour session in January; a late one at 23:30 on 31 March (Q1, not locked);
	// one at 01:30 on 1 April (Q2); a cancelled one in February.
	const january = await addSession(ids.fle, sessionAt('2026-01-12', '09:00', '12:00'), { lockedAt: new Date('2026-01-13T10:00:00Z') });
	const lateMarch = await addSession(ids.fle, { startsAt: brusselsInstant('2026-03-31', '23:30'), endsAt: brusselsInstant('2026-04-01', '00:30'), minutes: 60 });
	const earlyApril = await addSession(ids.fle, sessionAt('2026-04-01', '01:30', '02:30'));
	const cancelled = await addSession(ids.fle, sessionAt('2026-02-09', '09:00', '12:00'), { status: 'cancelled' });
	const [amina, bilal, chen] = await addTrainees(ids.fle, ids.ili, [['Amina', 'Benali'], ['Bilal', 'Ozturk'], ['Chen', 'Wang']]);
	await handle.db.insert(attendance).values([
		present(january, amina!, 180),
		present(january, bilal!, 90),
		present(january, chen!, 0),
		present(lateMarch, amina!, 60),
		present(lateMarch, bilal!, 60),
		present(earlyApril, amina!, 60),
		present(cancelled, amina!, 180)
	]);
	// Citizenship: one locked 4-hour session. FSE course: one 2-hour session, no rule for FSE.
	const citizenship = await addSession(ids.citizenship, sessionAt('2026-02-06', '09:00', '13:00'), { lockedAt: new Date('2026-02-07T10:00:00Z') });
	const [dana] = await addTrainees(ids.citizenship, ids.ili, [['Dana', 'Élias']]);
	await handle.db.insert(attendance).values(present(citizenship, dana!, 240));
	const fse = await addSession(ids.fse, sessionAt('2026-03-02', '14:00', '16:00'), { lockedAt: new Date('2026-03-03T10:00:00Z') });
	const [emre] = await addTrainees(ids.fse, ids.ili, [['Emre', '-Yilmaz']]);
	await handle.db.insert(attendance).values(present(fse, emre!, 120));
	// CISP: two courses under one closed envelope, 300 and 100 trainee-minutes.
	const isp = await addSession(ids.isp, sessionAt('2026-03-03', '08:30', '12:30'), { lockedAt: new Date('2026-03-04T10:00:00Z') });
	const digital = await addSession(ids.digital, sessionAt('2026-03-06', '13:00', '16:00'), { lockedAt: new Date('2026-03-07T10:00:00Z') });
	const [fatou, gia] = await addTrainees(ids.isp, ids.cisp, [['Fatou', 'Diallo'], ['Gia', 'Nguyen']]);
	const [hugo] = await addTrainees(ids.digital, ids.cisp, [['Hugo', 'Mertens']]);
	await handle.db.insert(attendance).values([present(isp, fatou!, 240), present(isp, gia!, 60), present(digital, hugo!, 100)]);

	const funding = createFunding({ db: handle.db });
	await funding.createRule(rule({ funder: 'wallonie-ili', label: 'ILI — taux horaire des cours (démo)', mode: 'per_course_hour', amount: '20,00', validFrom: '2025-01-01' }), ctx);
	await funding.createRule(rule({ funder: 'wallonie-ili', label: 'ILI — FLE par heure-stagiaire (démo)', axis: 'fle', mode: 'per_trainee_hour', amount: '3.50', validFrom: '2026-01-01' }), ctx);
	await funding.createRule(rule({ funder: 'wallonie-ili', label: 'Ancien taux FLE', axis: 'fle', mode: 'per_trainee_hour', amount: '5', validFrom: '2024-01-01', validTo: '2025-12-31' }), ctx);
	await funding.createRule(rule({ funder: 'wallonie-cisp', label: 'CISP — enveloppe (démo)', organisationKind: 'cisp', mode: 'envelope', amount: '10 000', validFrom: '2026-01-01' }), ctx);
}, 60_000);
afterAll(async () => handle?.close());

const org = async (id: string) => (await createFunding({ db: handle.db }).organisation(id))!;
const byTitle = (j: Justification, title: string) => j.courses.find((c) => c.title === title)!;

describe('an organisation’s funding justification for a quarter', () => {
	it('counts held sessions, hours given, trainees with minutes and trainee-hours, and prices them with the course’s rule', async () => {
		const j = await createFunding({ db: handle.db }).justification(await org(ids.ili), q1, ctx, afterQ1);
		const fle = byTitle(j, 'FLE A1 du matin');
		// January (3 h) and the late session of 31 March (1 h); not the cancelled one, not 1 April.
		expect({ sessions: fle.sessions, minutesGiven: fle.minutesGiven, trainees: fle.trainees, traineeMinutes: fle.traineeMinutes }).toEqual({ sessions: 2, minutesGiven: 240, trainees: 2, traineeMinutes: 390 });
		// The FLE rule beats the general one: 6,5 trainee-hours × 3,50 € = 22,75 €.
		expect(fle.rule?.label).toBe('ILI — FLE par heure-stagiaire (démo)');
		expect(fle.amountCents).toBe(2275);
		// Citizenship falls under the general rule, per course hour: 4 h × 20,00 € = 80,00 €.
		const citizenship = byTitle(j, 'Citoyenneté');
		expect({ mode: citizenship.rule?.mode, amount: citizenship.amountCents }).toEqual({ mode: 'per_course_hour', amount: 8000 });
	});

	it('flags sessions whose register is not locked, and courses without a rule; totals per funder', async () => {
		const j = await createFunding({ db: handle.db }).justification(await org(ids.ili), q1, ctx, afterQ1);
		expect(byTitle(j, 'FLE A1 du matin').unlockedSessions).toBe(1);
		expect(j.unlockedSessions).toBe(1);
		const fse = j.courses.find((c) => c.funder === 'fse')!;
		expect({ rule: fse.rule, amount: fse.amountCents, traineeMinutes: fse.traineeMinutes }).toEqual({ rule: null, amount: null, traineeMinutes: 120 });
		expect(j.withoutRule).toBe(1);
		expect(j.totals).toEqual([
			{ funder: 'fse', courses: 1, sessions: 1, unlockedSessions: 0, minutesGiven: 120, traineeMinutes: 120, amountCents: 0, withoutRule: 1 },
			{ funder: 'wallonie-ili', courses: 2, sessions: 3, unlockedSessions: 1, minutesGiven: 480, traineeMinutes: 630, amountCents: 10_275, withoutRule: 0 }
		]);
	});

	it('a closed envelope: a quarter of the year reported against the courses’ trainee-hours', async () => {
		const j = await createFunding({ db: handle.db }).justification(await org(ids.cisp), q1, ctx, afterQ1);
		expect(byTitle(j, 'Préformation').amountCents).toBe(187_500);
		expect(byTitle(j, 'PMTIC').amountCents).toBe(62_500);
		expect(j.totals[0]).toMatchObject({ funder: 'wallonie-cisp', amountCents: 250_000, traineeMinutes: 400 });
	});

	it('the quarter after holds the 1 April session only, under no past rule; the quarter in progress stops at now', async () => {
		const funding = createFunding({ db: handle.db });
		const q2 = await funding.justification(await org(ids.ili), { year: 2026, quarter: 2 }, ctx, afterQ1);
		expect(q2.courses.map((c) => [c.title, c.sessions, c.traineeMinutes])).toEqual([['FLE A1 du matin', 1, 60]]);
		const midQ1 = await funding.justification(await org(ids.ili), q1, ctx, new Date('2026-02-01T00:00:00Z'));
		expect(midQ1.courses.map((c) => c.title)).toEqual(['FLE A1 du matin']);
		expect(midQ1.courses[0]!.traineeMinutes).toBe(270);
	});

	it('records each view and export in the audit with ids and counts only', async () => {
		const funding = createFunding({ db: handle.db });
		const { trainees } = await funding.exportData(await org(ids.ili), q1, 'xlsx', ctx, afterQ1);
		expect(trainees).toHaveLength(4);
		const rows = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'courses.funding.exported'), eq(auditEvent.subjectId, ids.ili)));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ subjectType: 'organisation', organisationId: ids.ili, section: 'trainees', details: { quarter: '2026-Q1', format: 'xlsx', courses: 3, trainees: 4 } });
		const views = await handle.db.select().from(auditEvent).where(eq(auditEvent.action, 'courses.funding.viewed'));
		expect(views.length).toBeGreaterThan(0);
		expect(JSON.stringify([...rows, ...views])).not.toMatch(/Amina|Benali|FLE A1/);
	});

	it('ends a rule: refused before its start, then kept for the quarters before its end', async () => {
		const funding = createFunding({ db: handle.db });
		const fleRule = (await funding.listRules()).find((r) => r.label.startsWith('ILI — FLE'))!;
		expect(await funding.endRule(fleRule.id, '2025-12-01', ctx)).toEqual({ ok: false, errors: { endOn: 'courses.funding.errors.endBeforeStart' } });
		expect(await funding.endRule(fleRule.id, '2026-03-31', ctx)).toEqual({ ok: true });
		expect(await funding.endRule(fleRule.id, '2026-04-30', ctx)).toEqual({ ok: false, errors: { endOn: 'courses.funding.errors.alreadyEnded' } });
		const q1Again = await funding.justification(await org(ids.ili), q1, ctx, afterQ1);
		expect(byTitle(q1Again, 'FLE A1 du matin').amountCents).toBe(2275);
		const q2 = await funding.justification(await org(ids.ili), { year: 2026, quarter: 2 }, ctx, afterQ1);
		// From Q2 the general per-course-hour rule applies again: 1 h × 20,00 €.
		expect(byTitle(q2, 'FLE A1 du matin')).toMatchObject({ amountCents: 2000, rule: { mode: 'per_course_hour' } });
	});
});

describe('the files the funder receives', () => {
	it('CSV: UTF-8 with a BOM, semicolons, decimal commas, formulas neutralised', async () => {
		const { justification } = await createFunding({ db: handle.db }).exportData(await org(ids.ili), q1, 'csv', ctx, afterQ1);
		const csv = toFundingCsv(justification, { t });
		expect(csv.startsWith('\uFEFFBailleur;Cours;Axe;')).toBe(true);
		const lines = csv.slice(1).trim().split('\r\n');
		const fle = lines.find((l) => l.includes('FLE A1 du matin'))!.split(';');
		expect(fle).toEqual(['wallonie-ili', 'FLE A1 du matin', 'Français langue étrangère (FLE) A1', '2', '1', '4', '2', '6,5', 'ILI — FLE par heure-stagiaire (démo)', 'Par heure-stagiaire', '3,50', '22,75']);
		expect(lines.find((l) => l.includes('HYPERLINK'))).toMatch(/;"'=HYPERLINK\(""http/);
		expect(lines.find((l) => l.startsWith('wallonie-ili;Total'))!.split(';').at(-1)).toBe('102,75');
	});

	it('XLSX read back by LibreOffice: a summary per funder, the courses with trainee-hours and amounts, the trainees by first name and initial', async () => {
		const { justification, trainees } = await createFunding({ db: handle.db }).exportData(await org(ids.ili), q1, 'xlsx', ctx, afterQ1);
		const dir = await mkdtemp(path.join(tmpdir(), 'funding-xlsx-'));
		try {
			await writeFile(path.join(dir, 'justification.xlsx'), await toFundingXlsx(justification, trainees, { t }));
			// Every sheet to its own CSV (UTF-8, comma); a private profile so parallel runs do not collide.
			await promisify(execFile)('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', dir, path.join(dir, 'justification.xlsx')], { timeout: 120_000 });
			const files = (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort();
			expect(files).toEqual(['justification-Par cours.csv', 'justification-Par stagiaire.csv', 'justification-fse.csv', 'justification-wallonie-ili.csv']);
			const read = async (sheet: string) => (await readFile(path.join(dir, `justification-${sheet}.csv`), 'utf8')).trim().split('\n');
			const courses = await read('Par cours');
			expect(courses.find((l) => l.includes('FLE A1 du matin'))).toBe('wallonie-ili,FLE A1 du matin,Français langue étrangère (FLE) A1,2,1,4,2,6.5,ILI — FLE par heure-stagiaire (démo),Par heure-stagiaire,3.50,22.75');
			expect(courses.find((l) => l.includes('HYPERLINK'))).toContain(`"'=HYPERLINK(""http://x.invalid"",""clic"")"`);
			const summary = (await read('wallonie-ili')).map((l) => l.replace(/,+$/, ''));
			expect(summary).toContain('Heures-stagiaires,10.5');
			expect(summary).toContain('Montant (€),102.75');
			expect(summary).toContain('Séances non verrouillées,1');
			const people = await read('Par stagiaire');
			expect(people[0]).toBe('Référence,Prénom,Initiale du nom,Cours,Bailleur,Séances présentes,Heures');
			expect(people.find((l) => l.includes('Amina'))).toMatch(/^[0-9A-F]{8},Amina,B\.,FLE A1 du matin,wallonie-ili,2,4$/);
			expect(people.join('\n')).not.toContain('Benali');
			expect(people.some((l) => l.includes('Chen'))).toBe(false);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}, 150_000);
});
