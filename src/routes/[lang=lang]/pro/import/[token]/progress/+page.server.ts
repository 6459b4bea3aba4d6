import { redirect } from '@sveltejs/kit';
import { importJob } from '$server/directory/spreadsheet/http';
import type { PageServerLoad } from './$types';

/**
 * The progress of a running import. Reads memory only: on PGlite, while the import holds the
 * database, `handle` lets its starter's requests reach this load without a session lookup
 * (src/lib/server/directory/spreadsheet/progress.ts explains the check). The page uses the root
 * layout (+page@.svelte): the pro layout reads the person's organisations from the database.
 */
export const load: PageServerLoad = async (event) => {
	const { job } = importJob(event);
	// Finished, failed, refused or not started: the import page shows where it stands.
	if (job.state !== 'running') redirect(303, `/${event.params.lang}/pro/import/${event.params.token}`);
	return { progress: { ...job.progress }, auto: event.url.searchParams.get('auto') !== '0', here: event.url.pathname };
};
