import { error } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { agendaRules } from '$server/agenda/agenda.policy';
import { agendaRepo } from '$server/agenda/agenda.http';
import { createAgenda } from '$server/agenda/agenda.usecases';
import { can } from '$server/policy/policy';
import type { RequestHandler } from './$types';

/**
 * An activity's image ({id}-large.jpg or {id}-small.jpg). The image of a published activity is
 * public and immutable (a new upload gets a new id); a draft's image only for those who may see
 * the activity's working version, never cached.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(large|small)\.jpg$/.exec(params.file);
	if (!m) error(404, 'Not Found');
	const image = await agendaRepo().image(m[1]!);
	if (!image) error(404, 'Not Found');
	const isPublic = await createAgenda({ db: runtime().database.db }).isPublicImage(image.id);
	if (!isPublic) {
		const event = await agendaRepo().byId(image.eventId);
		if (!event || !can(locals.actor, agendaRules['event.view'], event)) error(404, 'Not Found');
	}
	const bytes = m[2] === 'large' ? image.large : image.small;
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': 'image/jpeg',
			'Content-Length': String(bytes.length),
			'Cache-Control': isPublic ? 'public, max-age=31536000, immutable' : 'private, no-store',
			// Feed readers on other sites may show it.
			'Cross-Origin-Resource-Policy': isPublic ? 'cross-origin' : 'same-origin'
		}
	});
};
