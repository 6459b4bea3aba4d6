// npm run bench -- cases
// 100,000 case files and 1,000,000 audit rows, then the p95 of the pages a worker opens most, over
// HTTP with a signed-in session that passed its second factor (a session row made by the bench):
// - the list of files (default order, a name search, filters, a later page);
// - a file page (the overview: header, identity summary, timeline of changes).
// Targets on PostgreSQL: list ≤ 50 ms, file page ≤ 30 ms. PostgreSQL runs in a throwaway cluster
// (initdb + pg_ctl in a temp folder, as .ci/run does); PGlite runs the same data in its folder.
// CASES_BENCH_FILES / CASES_BENCH_ROUNDS change the size and the number of requests per page;
// CASES_BENCH_ENGINES=postgres or =pglite runs one engine only.
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';
import { ensureBuild } from '../scripts/ensure-build.js';
import { startApp, withBenchEngines } from './lib.js';

const FILES = Number(process.env.CASES_BENCH_FILES ?? 100_000);
const AUDIT_PER_FILE = 10;
const ROUNDS = Number(process.env.CASES_BENCH_ROUNDS ?? 200);
const WORKER = 'ili.travailleur@demo.passerelle.be';
const ENGINES = (process.env.CASES_BENCH_ENGINES ?? 'postgres,pglite').split(',');

const firstNames = ['Amal', 'Fatima', 'Yonas', 'Oleksandra', 'Mariam', 'Ahmad', 'Leyla', 'Samir', 'Grace', 'Nour', 'Dawit', 'Tigist', 'Olena', 'Mehmet', 'Aïcha', 'Jean-Pierre', 'Hawa', 'Ibrahim', 'Zainab', 'Petro', 'Lina', 'Karim', 'Svitlana', 'Abdi', 'Maryam', 'Youssef', 'Ana', 'Bilal', 'Chantal', 'Rahel'];
const lastNames = ['Benyahia', 'El Amrani', 'Tesfaye', 'Hrytsenko', 'Diallo', 'Rahimi', 'Demir', 'Mbuyi', 'Haddad', 'Kidane', 'Haile', 'Bondarenko', 'Yilmaz', 'Traoré', 'Mukendi', 'Nazari', 'Kaya', 'Shevchenko', 'Ahmadi', 'Camara', 'Osman', 'Popescu', 'Kowalski', 'Hussein', 'Sow', 'Gebremedhin', 'Karimi', 'Ndiaye', 'Bakari', 'Moreau'];

/**
 * Fills a database (through `query(text, params)`) with the bench's files, grants and audit rows:
 * 50 more organisations; every 10th file belongs to the demo worker's organisation (10,000 at full
 * size), 500 of the others are shared with it; 10 audit rows per file (opened, two identity
 * corrections, a restricted note, six reads).
 */
export async function fill(query) {
	const [me] = await query(`select u.id as user_id, m.organisation_id from user_account u join membership m on m.user_id = u.id where u.email = $1`, [WORKER]);
	await query(`insert into organisation (name, kind, nis_code) select 'Organisation de banc ' || g, 'ili', (array(select nis_code from municipality order by nis_code))[1 + g % 55] from generate_series(1, 50) g`);
	await query(`create temporary table bench_org as select row_number() over (order by id) - 1 as n, id from organisation where name like 'Organisation de banc %'`);
	await query(
		`insert into case_file (owner_organisation_id, first_name, last_name, pseudonymous, birth_year, preferred_languages, nis_code, assigned_user_id, status, closed_at, version, last_activity_at, created_at)
		 select case when g % 10 = 0 then $1::uuid else (select id from bench_org where n = g % 50) end,
			($3::text[])[1 + g % 30], case when g % 7 = 0 then null else ($4::text[])[1 + (g / 30) % 30] end, g % 7 = 0,
			1940 + g % 70, array['fr', 'ar'], (array(select nis_code from municipality order by nis_code))[1 + g % 55],
			case when g % 10 = 0 and g % 3 = 0 then $2::uuid else null end,
			case when g % 5 = 0 then 'closed' else 'open' end, case when g % 5 = 0 then now() - interval '30 days' else null end,
			3, now() - (g % 700) * interval '1 day' - (g % 1440) * interval '1 minute', now() - interval '800 days'
		 from generate_series(1, ${FILES}) g`,
		[me.organisation_id, me.user_id, firstNames, lastNames]
	);
	await query(
		`with c as (insert into consent (case_file_id, purpose, organisation_ids, sections, language, given_on)
			select id, 'referral', array[$1::uuid], array['identity', 'parcours'], 'fr', current_date from case_file where owner_organisation_id <> $1::uuid order by id limit 500 returning id, case_file_id)
		 insert into case_grant (case_file_id, organisation_id, sections, consent_id, expires_at) select case_file_id, $1::uuid, array['identity', 'parcours'], id, now() + interval '90 days' from c`,
		[me.organisation_id]
	);
	await query(
		`insert into audit_event (at, actor_user_id, organisation_id, action, subject_type, subject_id, section, purpose, details)
		 select f.created_at + k * interval '1 day', $1::uuid, f.owner_organisation_id,
			case k when 1 then 'case_file.created' when 2 then 'case_identity.updated' when 3 then 'case_identity.updated' when 4 then 'case_note.created' else 'case_file.viewed' end,
			'case_file', f.id::text,
			case when k = 1 then null when k in (2, 3) then 'identity' when k = 4 then 'restricted' else 'identity' end,
			case when k >= 5 then 'view' else null end,
			case when k in (2, 3) then '{"fields":"phone"}'::jsonb else null end
		 from case_file f cross join generate_series(1, ${AUDIT_PER_FILE}) k`,
		[me.user_id]
	);
	await query('analyze');
	// A session that passed its second factor, as after sign-in and TOTP.
	const token = randomBytes(32).toString('base64url');
	await query(`update user_account set totp_enabled_at = now() where id = $1`, [me.user_id]);
	await query(`insert into session (id, user_id, expires_at, second_factor_at) values ($1, $2, now() + interval '12 hours', now())`, [createHash('sha256').update(token).digest('hex'), me.user_id]);
	const files = await query(`select id from case_file where owner_organisation_id = $1 order by id limit 200`, [me.organisation_id]);
	const granted = await query(`select case_file_id as id from case_grant where organisation_id = $1 limit 50`, [me.organisation_id]);
	return { cookie: `passerelle_session=${token}`, files: files.map((r) => r.id), granted: granted.map((r) => r.id) };
}

const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))];

/** Sequential requests (one keep-alive connection): round-trip times in ms. */
async function time(url, paths, cookie) {
	const agent = new Agent({ connections: 1 });
	const run = async (p) => {
		const t0 = performance.now();
		const res = await request(`${url}${p}`, { dispatcher: agent, headers: { cookie, accept: 'text/html' } });
		await res.body.dump();
		if (res.statusCode !== 200) throw new Error(`${p} answered ${res.statusCode}`);
		return performance.now() - t0;
	};
	for (const p of paths.slice(0, 10)) await run(p);
	const times = [];
	for (let i = 0; i < ROUNDS; i++) times.push(await run(paths[i % paths.length]));
	await agent.close();
	return { p50: pct(times, 0.5), p95: pct(times, 0.95) };
}

async function measure(label, env, data) {
	const app = await startApp(env);
	try {
		const pages = {
			// Baselines on the same machine at the same moment: the health check (one database ping) and
			// the signed-in dashboard. A loaded machine shows here first.
			'baseline: /healthz': ['/healthz'],
			'baseline: signed-in dashboard /fr/pro': ['/fr/pro'],
			'list (default: open files, last activity first)': ['/fr/pro/dossiers'],
			'list, name search': ['rahimi', 'fatima el amrani', 'tesfay', 'aicha', 'kowalsky'].map((q) => `/fr/pro/dossiers?q=${encodeURIComponent(q)}&status=all`),
			'list, filters (municipality, status, shared)': ['/fr/pro/dossiers?municipality=62096&status=all', '/fr/pro/dossiers?organisation=shared', '/fr/pro/dossiers?status=closed&worker=none'],
			'list, page 20': ['/fr/pro/dossiers?page=20'],
			'file page (overview + timeline), owned': data.files.map((id) => `/fr/pro/dossiers/${id}`),
			'file page, shared with us': data.granted.map((id) => `/fr/pro/dossiers/${id}`)
		};
		console.log(`\ncases, ${FILES} files, ${FILES * AUDIT_PER_FILE} audit rows, ${label} (HTTP round trip, ${ROUNDS} requests each; targets p95: list ≤ 50 ms, file page ≤ 30 ms on PostgreSQL)`);
		for (const [name, paths] of Object.entries(pages)) {
			const r = await time(app.url, paths, data.cookie);
			console.log(`  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  ${name}`);
		}
	} finally {
		await app.stop();
	}
}

export async function run() {
	ensureBuild({ quiet: true });
	await withBenchEngines({ name: 'cases', engines: ENGINES, fill, measure });
}
