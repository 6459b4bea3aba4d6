import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '../../app/runtime';
import { authorize } from '../../http/guard';
import { can } from '../../policy/policy';
import { ownJustifications } from '../courses.funding.presenter';
import { createFunding } from '../courses.funding.usecases';
import { coursesRules } from '../courses.policy';
import { compareQuarters, parseQuarter, quarterOf, type Quarter } from '../quarter';

/**
 * Every justification route starts here: reads `?organisation=&quarter=`, decides with the policy
 * (`funding.export` on the organisation) and loads it. No organisation named: the actor's own (the
 * first it leads), or for the sector none yet (the page asks). A quarter missing means the current
 * one; an unreadable or future one is refused (`quarterError`).
 */
export async function openJustification(event: RequestEvent) {
	const funding = createFunding({ db: runtime().database.db });
	const now = new Date();
	const requested = event.url.searchParams.get('organisation') ?? '';
	const quarterText = event.url.searchParams.get('quarter');
	const parsed = quarterText ? parseQuarter(quarterText) : quarterOf(now);
	const quarterError = !parsed || compareQuarters(parsed, quarterOf(now)) > 0 ? 'courses.funding.errors.quarter' : null;
	const quarter: Quarter = parsed && !quarterError ? parsed : quarterOf(now);
	const actor = event.locals.actor;
	const own = actor.kind === 'user' ? ownJustifications(actor) : [];
	const organisationId = requested || (own[0] ?? '');
	if (requested && !z.uuid().safeParse(requested).success) {
		authorize(event, coursesRules['funding.export'], { organisationId: '' }, { hide: true });
		error(404, 'Not Found');
	}
	if (!organisationId) {
		// The sector chooses the organisation; anyone else without one of their own is refused.
		const sectorActor = authorize(event, coursesRules['funding.rules']);
		return { actor: sectorActor, funding, organisation: null, quarter, quarterError, now, sector: true };
	}
	const signed = authorize(event, coursesRules['funding.export'], { organisationId });
	const organisation = await funding.organisation(organisationId);
	if (!organisation) error(404, 'Not Found');
	return { actor: signed, funding, organisation, quarter, quarterError, now, sector: can(signed, coursesRules['funding.rules']) };
}
