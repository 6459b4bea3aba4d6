import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { directoryRules } from '$server/directory/directory.policy';
import { recogniseHeader } from '$server/directory/spreadsheet/columns';
import { createJob } from '$server/directory/spreadsheet/jobs';
import { MAX_FILE_BYTES, MAX_ROWS, readSpreadsheet, type FileProblem } from '$server/directory/spreadsheet/read';
import { authorize } from '$server/http/guard';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { loadOrganisation } from '$server/identity/load-organisation';
import { hasPlatformRole } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

const editorRoles = new Set(['admin', 'coordinator', 'worker']);

export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, directoryRules.import);
	const memberships = await createIdentityRepository({ db: runtime().database.db }).users.memberships(actor.userId);
	return {
		organisations: memberships.filter((m) => editorRoles.has(m.role)).map((m) => ({ id: m.organisationId, name: m.name })),
		wholeDirectory: hasPlatformRole(actor, 'directory_editor'),
		chosen: event.url.searchParams.get('organisation') ?? '',
		maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
		maxRows: MAX_ROWS
	};
};

export const actions: Actions = {
	/** The file is read at once (type from its content) and kept in memory for the next steps. */
	upload: async (event) => {
		const actor = authorize(event, directoryRules.import);
		const data = await event.request.formData();
		const scopeText = String(data.get('scope') ?? '');
		const refuse = (errors: Record<string, string>, fileProblems: FileProblem[] = []) => fail(400, { errors, fileProblems, values: { scope: scopeText } });
		if (scopeText !== 'all' && !z.uuid().safeParse(scopeText).success) return refuse({ scope: 'pro.import.chooseScope' });
		const organisationId = scopeText === 'all' ? null : (await loadOrganisation(scopeText)).id;
		authorize(event, directoryRules['service.import'], { organisationId });
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0) return refuse({ file: 'pro.import.chooseFile' });
		const read = await readSpreadsheet(new Uint8Array(await file.arrayBuffer()));
		if (!read.ok) return refuse({ file: read.problems[0]!.key }, read.problems);
		// Headers recognised are chosen already; a field is offered once (a second column with it is ignored).
		const mapping = read.table.headers.map(recogniseHeader).map((k, i, all) => (k && all.indexOf(k) === i ? k : null));
		const job = createJob({ userId: actor.userId, scope: { organisationId }, fileName: file.name.slice(0, 200), table: read.table, mapping });
		redirect(303, `/${event.locals.locale}/pro/import/${job.token}`);
	}
};
