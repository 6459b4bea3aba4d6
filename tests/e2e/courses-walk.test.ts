// One person's way through the courses, over HTTP as the people concerned do it: the public
// "I'm interested" form at one ILI → its waiting list → a seat offered at another ILI (with the
// person's consent) → enrolment there → the register → trainee-hours in that ILI's funding export,
// read back by LibreOffice. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime } from '../../src/lib/server/app/runtime';
import { quarterKey, quarterOf } from '../../src/lib/server/courses/quarter';
import { fundingRule } from '../../src/lib/server/courses/courses.funding.table';
import { sessionAt } from '../../src/lib/server/courses/courses.sessions';
import { course, courseSession, enrolment } from '../../src/lib/server/courses/courses.table';
import { createIdentityRepository } from '../../src/lib/server/identity/identity.repository';
import { createSessions, SESSION_COOKIE } from '../../src/lib/server/identity/sessions';
import { startInProcess } from './in-process';

let app: Awaited<ReturnType<typeof startInProcess>>;
const ids = { seraing: '', herstal: '', full: '', free: '', session: '' };
const cookies = { seraing: '', herstal: '' };
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	app = await startInProcess();
	const db = runtime().database.db;
	const repo = createIdentityRepository({ db });
	ids.seraing = (await repo.organisations.create({ name: 'ILI de Seraing (test)', kind: 'ili', nisCode: '62096' })).id;
	ids.herstal = (await repo.organisations.create({ name: 'ILI de Herstal (test)', kind: 'ili', nisCode: '62051' })).id;
	// A worker at Seraing and the admin of Herstal, each with a second factor passed.
	for (const [key, org, role] of [['seraing', ids.seraing, 'worker'], ['herstal', ids.herstal, 'admin']] as const) {
		const user = await repo.users.create({ email: `${key}@walk.test`, name: key, locale: 'fr', platformRoles: [] });
		await repo.users.update(user.id, { totpEnabledAt: new Date() });
		await repo.members.add(user.id, org, role);
		const { token } = await createSessions({ db }).create(user.id, { secondFactorAt: new Date() });
		cookies[key] = `${SESSION_COOKIE}=${token}`;
	}
	// Seraing's FLE A1 is full (one seat, taken); Herstal's FLE A1 has seats and met yesterday.
	const common = { axis: 'fle', level: 'a1', focus: 'oral', totalHours: 120, startsOn: '2026-09-01', endsOn: '2027-06-30', status: 'published', funder: 'wallonie-ili' } as const;
	const [full, free] = await db
		.insert(course)
		.values([
			{ ...common, organisationId: ids.seraing, title: 'FLE A1 — Seraing (complet)', nisCode: '62096', capacity: 1 },
			{ ...common, organisationId: ids.herstal, title: 'FLE A1 — Herstal', nisCode: '62051', capacity: 12 }
		])
		.returning({ id: course.id });
	ids.full = full!.id;
	ids.free = free!.id;
	await db.insert(enrolment).values({ courseId: ids.full, organisationId: ids.seraing, source: 'direct', firstName: 'Déjà inscrite', phone: '0470000001', status: 'enrolled', enrolledAt: new Date() });
	const [s] = await db.insert(courseSession).values({ courseId: ids.free, ...sessionAt(yesterday, '09:00', '12:00') }).returning({ id: courseSession.id });
	ids.session = s!.id;
	// The Walloon rate for ILI French classes: 3,50 € per trainee-hour (a test figure).
	await db.insert(fundingRule).values({ funder: 'wallonie-ili', label: 'ILI — FLE (test)', axis: 'fle', organisationKind: 'ili', mode: 'per_trainee_hour', amountCents: 350, validFrom: '2026-01-01' });
}, 240_000);
afterAll(async () => app?.close());

const post = (url: string, form: Record<string, string>, cookie?: string) =>
	app.request(url, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', accept: 'text/html', ...(cookie ? { cookie } : {}) },
		body: new URLSearchParams(form)
	});
const page = async (url: string, cookie: string) => {
	const res = await app.request(url, { headers: { cookie, accept: 'text/html' } });
	expect(res.status, url).toBe(200);
	return res.text();
};
const enrolmentsOf = (courseId: string) => runtime().database.db.select().from(enrolment).where(and(eq(enrolment.courseId, courseId), eq(enrolment.firstName, 'Nasrin')));

describe('one person, from the public form to the funding export', () => {
	it('walks the whole way', async () => {
		// 1. Nasrin says she is interested, in Persian, and agrees to a seat elsewhere.
		const interest = await post(`/fa/cours/${ids.full}/interesse`, { firstName: 'Nasrin', phone: '0470 12 34 56', email: '', nisCode: '62096', locale: 'fa', interpreterLanguage: 'fa', consent: 'on', elsewhere: 'on' });
		expect(interest.status).toBeLessThan(400);
		const [request] = await enrolmentsOf(ids.full);
		expect(request).toMatchObject({ status: 'waiting', source: 'public', locale: 'fa' });
		expect(request!.elsewhereConsentAt).not.toBeNull();

		// 2. Seraing sees her on its waiting list, first in line; there is no seat.
		const seraingList = await page(`/fr/pro/cours/${ids.full}/inscriptions`, cookies.seraing);
		expect(seraingList).toContain('Nasrin');
		const noSeat = await post(`/fr/pro/cours/${ids.full}/inscriptions?/offer`, { enrolmentId: request!.id }, cookies.seraing);
		expect(noSeat.status).toBe(409);

		// 3. Seraing proposes her a seat in Herstal's equivalent course.
		expect(seraingList).toContain('FLE A1 — Herstal');
		const moved = await post(`/fr/pro/cours/${ids.full}/inscriptions?/transfer`, { enrolmentId: request!.id, targetCourseId: ids.free }, cookies.seraing);
		expect(moved.status).toBeLessThan(400);
		expect((await enrolmentsOf(ids.full))[0]!.status).toBe('transferred');
		const [offered] = await enrolmentsOf(ids.free);
		expect(offered).toMatchObject({ status: 'offered', source: 'transfer', transferredFromId: request!.id });
		// Her wait counts from her first request.
		expect(offered!.requestedAt.getTime()).toBe(request!.requestedAt.getTime());

		// 4. Herstal sees the offered seat and enrols her.
		expect(await page(`/fr/pro/cours/${ids.free}/inscriptions`, cookies.herstal)).toContain('Nasrin');
		const enrolled = await post(`/fr/pro/cours/${ids.free}/inscriptions?/enrol`, { enrolmentId: offered!.id }, cookies.herstal);
		expect(enrolled.status).toBeLessThan(400);
		expect((await enrolmentsOf(ids.free))[0]!.status).toBe('enrolled');

		// 5. Yesterday's register: she was there two and a half hours.
		// (Enrolled today, after the session: the register counts her only if she was enrolled
		// before it, so the enrolment date is moved to the session's morning, as a worker would
		// record a late registration.)
		await runtime().database.db.update(enrolment).set({ enrolledAt: new Date(`${yesterday}T06:00:00Z`) }).where(eq(enrolment.id, offered!.id));
		const register = `/fr/pro/cours/${ids.free}/seances/${ids.session}`;
		expect(await page(register, cookies.herstal)).toContain('Nasrin');
		const saved = await post(`${register}?/save`, { [`status.${offered!.id}`]: 'present', [`hours.${offered!.id}`]: '2,5' }, cookies.herstal);
		expect(saved.status).toBeLessThan(400);
		// Saved twice: counted once.
		await post(`${register}?/save`, { [`status.${offered!.id}`]: 'present', [`hours.${offered!.id}`]: '2,5' }, cookies.herstal);

		// 6. Herstal's funding justification for this quarter: 2,5 trainee-hours × 3,50 € = 8,75 €.
		const quarter = quarterKey(quarterOf(new Date(`${yesterday}T12:00:00Z`)));
		const xlsx = await app.request(`/fr/pro/financement/justification.xlsx?organisation=${ids.herstal}&quarter=${quarter}`, { headers: { cookie: cookies.herstal } });
		expect(xlsx.status).toBe(200);
		const dir = await mkdtemp(path.join(tmpdir(), 'walk-xlsx-'));
		try {
			await writeFile(path.join(dir, 'justification.xlsx'), Buffer.from(await xlsx.arrayBuffer()));
			await promisify(execFile)('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', dir, path.join(dir, 'justification.xlsx')], { timeout: 120_000 });
			const sheets = (await readdir(dir)).filter((f) => f.endsWith('.csv'));
			const read = async (name: string) => (await readFile(path.join(dir, sheets.find((f) => f.includes(name))!), 'utf8')).trim().split('\n');
			const perCourse = await read('Par cours');
			expect(perCourse.find((l) => l.includes('FLE A1 — Herstal'))).toMatch(/,2\.5,ILI — FLE \(test\),[^,]*,3\.50,8\.75$/);
			const perTrainee = await read('Par stagiaire');
			expect(perTrainee.find((l) => l.includes('Nasrin'))).toMatch(/,Nasrin,,FLE A1 — Herstal,wallonie-ili,1,2\.5$/);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}, 240_000);
});
