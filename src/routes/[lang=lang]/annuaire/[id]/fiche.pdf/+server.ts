import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { renderPdf, sheetData } from '$server/directory/booklet';
import { directoryIndex } from '$server/directory/directory.search';
import { publicOrigin } from '$server/http/security-headers';
import type { RequestHandler } from './$types';

// Public: the sheet of one published service (A5 PDF), printed as the booklet prints it.
export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (!z.uuid().safeParse(params.id).success) error(404, 'Not Found');
	const service = (await directoryIndex(runtime().database.db)).get(params.id);
	if (!service) error(404, 'Not Found');
	const now = new Date();
	const pdf = await renderPdf(await sheetData(service, { locale: locals.locale, origin: publicOrigin(url), now }), now);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="passerelle-fiche-${locals.locale}-${service.id.slice(0, 8)}.pdf"`,
			'cache-control': 'public, max-age=600'
		}
	});
};
