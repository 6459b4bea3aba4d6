import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { directoryRules } from '$server/directory/directory.policy';
import { columnKeys, columns, type ColumnKey } from '$server/directory/spreadsheet/columns';
import { mappingProblems, planImport } from '$server/directory/spreadsheet/directory-sheet';
import { importJob as loadJob } from '$server/directory/spreadsheet/http';
import { applyImport, ImportRefused } from '$server/directory/spreadsheet/import';
import { rememberStarter } from '$server/directory/spreadsheet/progress';
import { currentSession, requestContext } from '$server/http/guard';
import { describeError, logger } from '$server/log/logger';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

/** Rows of the dry run shown on the page (every problem is listed; new services past this are counted). */
const SHOWN = 200;

export const load: PageServerLoad = async (event) => {
	const { actor, job } = loadJob(event);
	// While it runs, its progress has a page of its own (served from memory, see progress.ts).
	if (job.state === 'running') redirect(303, `${event.url.pathname}/progress`);
	const plan = job.plan;
	const header = (k: ColumnKey) => columns.find((c) => c.key === k)!.header;
	return {
		state: job.state,
		fileName: job.fileName,
		rows: job.table.rows.length,
		mapping: job.state === 'mapping' ? { headers: job.table.headers, example: job.table.rows[0]?.cells ?? [], chosen: job.mapping } : null,
		fields: columns.map((c) => ({ key: c.key, header: c.header })),
		check: plan
			? {
					counts: plan.counts,
					problems: plan.problems,
					changed: plan.entries.filter((e) => e.kind === 'changed').slice(0, SHOWN).map((e) => ({ row: e.row, name: e.name, fields: e.changed.map(header) })),
					fresh: plan.entries.filter((e) => e.kind === 'new').slice(0, SHOWN).map((e) => ({ row: e.row, name: e.name }))
				}
			: null,
		canPublish: can(actor, directoryRules.moderate),
		result: job.result
	};
};

export const actions: Actions = {
	/** The mapping chosen, then the dry run: everything is checked, nothing written. */
	map: async (event) => {
		const { job } = loadJob(event);
		if (job.state === 'running') return fail(409, { error: 'pro.import.busy' });
		const data = await event.request.formData();
		const mapping = job.table.headers.map((_, i) => {
			const v = String(data.get(`col-${i}`) ?? '');
			return (columnKeys as string[]).includes(v) ? (v as ColumnKey) : null;
		});
		const { missing, duplicated } = mappingProblems(mapping, job.scope);
		if (missing.length || duplicated.length) {
			job.mapping = mapping;
			return fail(400, { missing: missing.map((k) => columns.find((c) => c.key === k)!.header), duplicated: duplicated.map((k) => columns.find((c) => c.key === k)!.header), chosen: mapping });
		}
		job.mapping = mapping;
		job.plan = await planImport(runtime().database.db, { table: job.table, mapping, scope: job.scope });
		job.state = 'checked';
		redirect(303, event.url.pathname);
	},
	/** Back to the mapping step. */
	remap: async (event) => {
		const { job } = loadJob(event);
		if (job.state === 'running') return fail(409, { error: 'pro.import.busy' });
		job.state = 'mapping';
		job.plan = null;
		redirect(303, event.url.pathname);
	},
	/** The import itself, in the background: the progress page follows it until it is done. */
	apply: async (event) => {
		const { actor, job } = loadJob(event);
		if (job.state !== 'checked' || !job.plan || job.plan.problems.length) return fail(409, { error: 'pro.import.notReady' });
		const publish = (await event.request.formData()).get('publish') === 'on' && can(actor, directoryRules.moderate);
		job.state = 'running';
		job.publish = publish;
		job.progress = { done: 0, total: job.plan.counts.new + job.plan.counts.changed };
		rememberStarter(job, actor, currentSession(event));
		const ctx = { actorUserId: actor.userId, ipHash: requestContext(event).ipHash };
		applyImport(runtime().database.db, { table: job.table, mapping: job.mapping, scope: job.scope }, ctx, { publish, onProgress: (done, total) => (job.progress = { done, total }) })
			.then((r) => {
				job.result = { created: r.created.length, updated: r.updated.length, unchanged: r.unchanged, published: r.published };
				job.state = 'done';
				job.starter = null;
			})
			.catch((e: unknown) => {
				job.starter = null;
				if (e instanceof ImportRefused) {
					job.plan = e.plan;
					job.state = 'checked';
					return;
				}
				logger.error({ error: describeError(e) }, 'directory import failed');
				job.state = 'failed';
			});
		redirect(303, `${event.url.pathname}/progress`);
	}
};
