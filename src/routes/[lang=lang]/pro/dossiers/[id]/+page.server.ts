import { runtime } from '$server/app/runtime';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { openCaseFile } from '$server/cases/load-case-file';
import type { PageServerLoad } from './$types';

export const csr = false;

// The pattern of every case page: open (parse, load, decide, audit the read), then present.
export const load: PageServerLoad = async (event) => {
	const { file, access } = await openCaseFile(event, event.params.id, { purpose: 'view' });
	return { header: await presentCaseHeader(runtime().database.db, file, access) };
};
