import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime } from '../../src/lib/server/app/runtime';
import { eq } from 'drizzle-orm';
import { auditEvent } from '../../src/lib/server/audit/audit.table';
import { caseFile, caseGrant, consent } from '../../src/lib/server/cases/cases.table';
import { service } from '../../src/lib/server/directory/directory.table';
import { agendaEvent } from '../../src/lib/server/agenda/agenda.table';
import { course, courseSession, enrolment } from '../../src/lib/server/courses/courses.table';
import { createIdentityRepository } from '../../src/lib/server/identity/identity.repository';
import { createSessions, SESSION_COOKIE } from '../../src/lib/server/identity/sessions';
import type { OrganisationRole, PlatformRole } from '../../src/lib/server/policy/policy';
import { startInProcess, type KitManifest } from './in-process';
import { matrix, personas, type Answer, type Persona } from './permission-matrix';

let app: Awaited<ReturnType<typeof startInProcess>>;
const ids = { orgA: '', orgB: '', serviceA: '', serviceSubmitted: '', fileA: '', fileB: '', fileBGranted: '', fileBRevoked: '', fileBExpired: '', eventA: '', eventSubmitted: '', eventPublished: '', courseA: '', courseB: '', sessionA: '', sessionAFuture: '', enrolmentA: '' };
const users = new Map<Persona, { id: string; twoFactor: boolean }>();

/** Every route and method of the app, read from the built route tree (loads, form actions, endpoints). */
async function enumerateRoutes(manifest: KitManifest): Promise<string[]> {
	const keys: string[] = [];
	for (const route of manifest._.routes) {
		if (route.page) {
			keys.push(`GET ${route.id}`);
			const node = await manifest._.nodes[route.page.leaf]!();
			for (const action of Object.keys(node.server?.actions ?? {})) keys.push(`POST ${route.id} ?/${action}`);
		}
		if (route.endpoint) {
			const mod = await route.endpoint();
			for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (method in mod) keys.push(`${method} ${route.id}`);
		}
	}
	return keys.sort();
}

beforeAll(async () => {
	app = await startInProcess();
	const db = runtime().database.db;
	const repo = createIdentityRepository({ db });
	ids.orgA = (await repo.organisations.create({ name: 'ILI A', kind: 'ili', nisCode: '62096' })).id;
	ids.orgB = (await repo.organisations.create({ name: 'ILI B', kind: 'ili', nisCode: '62063' })).id;
	const make = async (persona: Persona, platformRoles: PlatformRole[], memberships: [string, OrganisationRole][], twoFactor = true) => {
		const user = await repo.users.create({ email: `${persona.toLowerCase()}@matrix.test`, name: persona, locale: 'fr', platformRoles });
		if (twoFactor) await repo.users.update(user.id, { totpEnabledAt: new Date() });
		for (const [org, role] of memberships) await repo.members.add(user.id, org, role);
		users.set(persona, { id: user.id, twoFactor });
	};
	await make('platformAdmin', ['platform_admin'], []);
	await make('directoryEditor', ['directory_editor'], []);
	await make('adminA', [], [[ids.orgA, 'admin']]);
	await make('coordinatorA', [], [[ids.orgA, 'coordinator']]);
	await make('workerA', [], [[ids.orgA, 'worker']]);
	await make('workerA_no2fa', [], [[ids.orgA, 'worker']], false);
	await make('readerA', [], [[ids.orgA, 'reader']]);
	await make('adminB', [], [[ids.orgB, 'admin']]);
	// Two services of organisation A: a draft, and one waiting for review.
	const [a, submitted] = await db.insert(service).values([{ organisationId: ids.orgA, status: 'draft' }, { organisationId: ids.orgA, status: 'submitted' }]).returning({ id: service.id });
	ids.serviceA = a!.id;
	ids.serviceSubmitted = submitted!.id;
	// Case files: one of A; four of B, one granted to A (identity and parcours), one whose grant was
	// revoked, one whose grant expired, one never shared.
	const files = await db
		.insert(caseFile)
		.values(['A', 'B', 'B granted', 'B revoked', 'B expired'].map((n) => ({ ownerOrganisationId: n === 'A' ? ids.orgA : ids.orgB, firstName: `File ${n}` })))
		.returning({ id: caseFile.id });
	[ids.fileA, ids.fileB, ids.fileBGranted, ids.fileBRevoked, ids.fileBExpired] = files.map((f) => f.id) as [string, string, string, string, string];
	const [shared] = await db.insert(consent).values({ caseFileId: ids.fileBGranted, purpose: 'referral', organisationIds: [ids.orgA], sections: ['identity', 'parcours'], language: 'fr', givenOn: '2026-01-01' }).returning({ id: consent.id });
	const day = 86_400_000;
	await db.insert(caseGrant).values([
		{ caseFileId: ids.fileBGranted, organisationId: ids.orgA, sections: ['identity', 'parcours'], consentId: shared!.id, expiresAt: new Date(Date.now() + 30 * day) },
		{ caseFileId: ids.fileBRevoked, organisationId: ids.orgA, sections: ['identity', 'parcours'], consentId: shared!.id, expiresAt: new Date(Date.now() + 30 * day), revokedAt: new Date() },
		{ caseFileId: ids.fileBExpired, organisationId: ids.orgA, sections: ['identity', 'parcours'], consentId: shared!.id, expiresAt: new Date(Date.now() - day) }
	]);
	// Three activities of organisation A: a draft, one waiting for review, one published.
	const [draft, waiting, published] = await db
		.insert(agendaEvent)
		.values([
			{ organisationId: ids.orgA, status: 'draft', startDate: '2030-01-08' },
			{ organisationId: ids.orgA, status: 'submitted', startDate: '2030-01-09' },
			{ organisationId: ids.orgA, status: 'published', startDate: '2030-01-10', published: { id: 'x' } }
		])
		.returning({ id: agendaEvent.id });
	ids.eventA = draft!.id;
	ids.eventSubmitted = waiting!.id;
	ids.eventPublished = published!.id;
	// Courses: a published course of A (a session held yesterday, one next week, one waiting
	// request), and a published course of B.
	const [courseA, courseB] = await db
		.insert(course)
		.values([
			{ organisationId: ids.orgA, axis: 'fle', level: 'a1', focus: 'oral', title: 'FLE A1 (A)', nisCode: '62096', totalHours: 120, capacity: 12, startsOn: '2026-01-05', endsOn: '2030-06-30', status: 'published' },
			{ organisationId: ids.orgB, axis: 'fle', level: 'a1', focus: 'oral', title: 'FLE A1 (B)', nisCode: '62063', totalHours: 120, capacity: 12, startsOn: '2026-01-05', endsOn: '2030-06-30', status: 'published' }
		])
		.returning({ id: course.id });
	ids.courseA = courseA!.id;
	ids.courseB = courseB!.id;
	const at = (days: number, hour: number) => new Date(Math.floor(Date.now() / day) * day + days * day + hour * 3_600_000);
	const [past, future] = await db
		.insert(courseSession)
		.values([
			{ courseId: ids.courseA, startsAt: at(-1, 8), endsAt: at(-1, 11), minutes: 180 },
			{ courseId: ids.courseA, startsAt: at(7, 8), endsAt: at(7, 11), minutes: 180 }
		])
		.returning({ id: courseSession.id });
	ids.sessionA = past!.id;
	ids.sessionAFuture = future!.id;
	const [waitingA] = await db
		.insert(enrolment)
		.values({ courseId: ids.courseA, organisationId: ids.orgA, source: 'public', firstName: 'Request A', phone: '0470000000', status: 'waiting' })
		.returning({ id: enrolment.id });
	ids.enrolmentA = waitingA!.id;
});

afterAll(async () => app?.close());

/** A fresh session per request: some rows (sign out everywhere) end the persona's sessions. */
async function cookieFor(persona: Persona): Promise<string | undefined> {
	const user = users.get(persona);
	if (!user) return undefined;
	const { token } = await createSessions({ db: runtime().database.db }).create(user.id, { secondFactorAt: user.twoFactor ? new Date() : null });
	return `${SESSION_COOKIE}=${token}`;
}

function classify(res: Response): Answer {
	if (res.status === 200) return 'ok';
	if (res.status === 303 || res.status === 302) {
		const location = res.headers.get('location') ?? '';
		if (/^\/[a-z]{2}\/pro\/(compte\/securite|connexion\/verification)/.test(location)) return 'second-factor';
		if (/^\/[a-z]{2}\/pro\/connexion(\?|$)/.test(location)) return 'login';
		return res.status === 302 ? 302 : 'redirect';
	}
	return res.status;
}

describe('permission matrix', () => {
	it('declares every route and method of the app, and nothing else', async () => {
		const routes = await enumerateRoutes(app.manifest);
		// A key may name a variant after ' #' (the same route on another subject).
		const declared = [...new Set(Object.keys(matrix).map((k) => k.split(' #')[0]!))].sort();
		expect({ undeclared: routes.filter((r) => !declared.includes(r)), stale: declared.filter((d) => !routes.includes(d)) }).toEqual({ undeclared: [], stale: [] });
	});

	it('answers each persona as declared', async () => {
		const mismatches: string[] = [];
		for (const [key, row] of Object.entries(matrix)) {
			const method = key.split(' ')[0]!;
			const action = key.split(' #')[0]!.split(' ?/')[1];
			const path = Object.entries(ids)
				.reduce((p, [name, id]) => p.replaceAll(`{${name}}`, id), row.path)
				.replace('{token}', 'no-such-token-0000000000000000000000000');
			for (const persona of personas) {
				const expected = row.expect[persona] ?? row.expect.others;
				const cookie = await cookieFor(persona);
				const headers: Record<string, string> = { accept: 'text/html' };
				if (cookie) headers.cookie = cookie;
				let url = path;
				let body: URLSearchParams | undefined;
				if (method === 'POST') {
					url = action && action !== 'default' ? `${path}${path.includes('?') ? '&' : '?'}/${action}` : path;
					body = new URLSearchParams(Object.fromEntries(Object.entries(row.form ?? {}).map(([k, v]) => [k, Object.entries(ids).reduce((x, [name, id]) => x.replaceAll(`{${name}}`, id), v)])));
					headers['content-type'] = 'application/x-www-form-urlencoded';
					headers.origin = 'http://localhost';
				}
				const res = await app.request(url, { method, headers, body, redirect: 'manual' });
				const got = classify(res);
				if (got !== expected) mismatches.push(`${key} as ${persona}: expected ${expected}, got ${got}${res.headers.get('location') ? ` (${res.headers.get('location')})` : ''}`);
			}
		}
		expect(mismatches).toEqual([]);
		// Hundreds of rows × nine personas, one request each: minutes on a loaded 2-core machine.
	}, 600_000);

	it('recorded each allowed read of an organisation’s member list, and none of the refused ones', async () => {
		const rows = await runtime().database.db.select().from(auditEvent).where(eq(auditEvent.action, 'organisation.members.viewed'));
		// Allowed: the platform admin and the five members of A; refused: the editor, B's admin, anonymous.
		const allowed = (['platformAdmin', 'adminA', 'coordinatorA', 'workerA', 'workerA_no2fa', 'readerA'] as Persona[]).map((p) => users.get(p)!.id);
		expect(new Set(rows.map((r) => r.actorUserId))).toEqual(new Set(allowed));
		expect(new Set(rows.map((r) => r.organisationId))).toEqual(new Set([ids.orgA]));
	});

	it('refuses a cross-site form post with a message in the page language', async () => {
		const res = await app.request('/ar/pro/connexion', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
			body: 'email=a%40b.be&password=x'
		});
		expect(res.status).toBe(403);
		const html = await res.text();
		expect(html).toContain('lang="ar" dir="rtl"');
		expect(html).not.toContain('Cross-site');
	});
});
