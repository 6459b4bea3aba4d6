// npm run bench -- register
// Saving a course session's register of 25 trainees, over HTTP as the register page's form does
// (POST ?/save, answered by a 303), again and again with varying marks: p50 and p95 of the round
// trip. Target: ≤ 50 ms. On PGlite, and on PostgreSQL (withBenchEngines in bench/lib.js): DATABASE_URL when
// set, else a throwaway cluster (initdb + pg_ctl) when PostgreSQL is installed.
// REGISTER_BENCH_ROUNDS changes the number of saves; REGISTER_BENCH_ENGINES=postgres or =pglite runs one.
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';
import { ensureBuild } from '../scripts/ensure-build.js';
import { startApp, withBenchEngines } from './lib.js';

const ROUNDS = Number(process.env.REGISTER_BENCH_ROUNDS ?? 300);
const TRAINEES = 25;
const LEAD = 'herstal@demo.passerelle.be';
const ENGINES = (process.env.REGISTER_BENCH_ENGINES ?? 'postgres,pglite').split(',');

/** A course of the lead's organisation with 25 enrolled trainees and a session held an hour ago; a signed-in session with its second factor. */
export async function fill(query) {
	const [me] = await query(`select u.id as user_id, m.organisation_id from user_account u join membership m on m.user_id = u.id where u.email = $1`, [LEAD]);
	const [c] = await query(
		`insert into course (organisation_id, axis, level, focus, title, nis_code, total_hours, capacity, starts_on, ends_on, status)
		 values ($1, 'fle', 'a1', 'both', 'Banc — registre', '62051', 120, 30, current_date - 30, current_date + 60, 'published') returning id`,
		[me.organisation_id]
	);
	const [s] = await query(`insert into course_session (course_id, starts_at, ends_at, minutes) values ($1, now() - interval '1 hour', now() + interval '2 hours', 180) returning id`, [c.id]);
	const people = await query(
		`insert into enrolment (course_id, organisation_id, source, first_name, last_name, status, requested_at, enrolled_at)
		 select $1, $2, 'direct', 'Stagiaire', 'Banc ' || g, 'enrolled', now() - interval '40 days', now() - interval '30 days' from generate_series(1, ${TRAINEES}) g returning id`,
		[c.id, me.organisation_id]
	);
	const token = randomBytes(32).toString('base64url');
	await query(`update user_account set totp_enabled_at = now() where id = $1`, [me.user_id]);
	await query(`insert into session (id, user_id, expires_at, second_factor_at) values ($1, $2, now() + interval '12 hours', now())`, [createHash('sha256').update(token).digest('hex'), me.user_id]);
	return { cookie: `passerelle_session=${token}`, path: `/fr/pro/cours/${c.id}/seances/${s.id}?/save`, enrolments: people.map((p) => p.id) };
}

const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))];

/** The form of round `i`: mostly present, some partial, some absent or excused, changing every round. */
function form(enrolments, i) {
	const body = new URLSearchParams();
	enrolments.forEach((id, j) => {
		const r = (i + j * 7) % 10;
		body.set(`status.${id}`, r === 0 ? 'absent' : r === 1 ? 'excused' : 'present');
		body.set(`hours.${id}`, r === 2 ? '2,5' : r === 3 ? '1:45' : '');
	});
	return body.toString();
}

async function measure(label, env, data) {
	const app = await startApp(env);
	const agent = new Agent({ connections: 1 });
	try {
		const save = async (i) => {
			const t0 = performance.now();
			const res = await request(`${app.url}${data.path}`, {
				method: 'POST',
				dispatcher: agent,
				headers: { cookie: data.cookie, origin: app.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: form(data.enrolments, i)
			});
			await res.body.dump();
			if (res.statusCode !== 303) throw new Error(`save answered ${res.statusCode}`);
			return performance.now() - t0;
		};
		// Baselines on the same machine at the same moment (a loaded machine shows here first): the
		// health check (one database ping) and the register page itself (policy, read, audit row).
		const get = async (p) => {
			const t0 = performance.now();
			const res = await request(`${app.url}${p}`, { dispatcher: agent, headers: { cookie: data.cookie, accept: 'text/html' } });
			await res.body.dump();
			if (res.statusCode !== 200) throw new Error(`${p} answered ${res.statusCode}`);
			return performance.now() - t0;
		};
		const page = data.path.replace('?/save', '');
		const baselines = { '/healthz': [], 'register page (GET)': [] };
		for (let i = 0; i < 10; i++) await save(i);
		const times = [];
		for (let i = 0; i < ROUNDS; i++) {
			times.push(await save(i));
			if (i % 3 === 0) baselines['/healthz'].push(await get('/healthz'));
			if (i % 3 === 1) baselines['register page (GET)'].push(await get(page));
		}
		console.log(`\nregister of ${TRAINEES} trainees saved ${ROUNDS} times, ${label} (HTTP round trip; target ≤ 50 ms)`);
		for (const [name, list] of Object.entries(baselines)) console.log(`  p50 ${pct(list, 0.5).toFixed(1).padStart(6)} ms  p95 ${pct(list, 0.95).toFixed(1).padStart(6)} ms  baseline: ${name}`);
		console.log(`  p50 ${pct(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${pct(times, 0.95).toFixed(1).padStart(6)} ms  save (policy, one transaction: upsert 25 rows, stamp, audit)`);
	} finally {
		await agent.close();
		await app.stop();
	}
}

export async function run() {
	ensureBuild({ quiet: true });
	await withBenchEngines({ name: 'register', engines: ENGINES, fill, measure });
}
