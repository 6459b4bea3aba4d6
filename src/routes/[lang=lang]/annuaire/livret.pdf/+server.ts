import { runtime } from '$server/app/runtime';
import { bookletBadRequest, bookletFileName, bookletPdf, parseBookletQuery } from '$server/directory/booklet';
import { directoryIndex } from '$server/directory/directory.search';
import { publicOrigin } from '$server/http/security-headers';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { RequestHandler } from './$types';

// Public, no account: the printable booklet of the published directory, in the URL's language.
export const GET: RequestHandler = async ({ url, locals }) => {
	const db = runtime().database.db;
	const parsed = parseBookletQuery(url.searchParams, await createTerritoryRepository({ db }).listMunicipalities());
	if (!parsed.ok) return bookletBadRequest(locals.locale, parsed.error);
	const pdf = await bookletPdf(await directoryIndex(db), { locale: locals.locale, filters: parsed.filters, origin: publicOrigin(url), now: new Date() });
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${bookletFileName(locals.locale, parsed.filters)}"`,
			'cache-control': 'public, max-age=600'
		}
	});
};
