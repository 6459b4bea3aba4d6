import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { answeringOrganisations, referralRules } from '$server/cases/cases.referrals.policy';
import { inboxReadAudit, presentInbox } from '$server/cases/cases.referrals.presenter';
import { createReferralsRepository } from '$server/cases/cases.referrals.repository';
import { acceptSchema, declineSchema, doneSchema } from '$server/cases/cases.referrals.schemas';
import { createReferrals, type AnswerResult } from '$server/cases/cases.referrals.usecases';
import { parseForm } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { wallClock } from '$server/agenda/brussels-time';
import { coursesRules } from '$server/courses/courses.policy';
import { referralCourseRequest, referralCourseSchema } from '$server/courses/courses.demand.referrals';
import { openCoursesOf } from '$server/courses/courses.demand.repository';
import { decide } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// The referrals sent to the organisations the actor answers for. Before accepting, a receiver
// sees the referral only (the presenter keeps the name when identity is shared); what it shows
// of a file is audited as a read.
export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, referralRules['inbox.view']);
	const db = runtime().database.db;
	const organisations = answeringOrganisations(actor);
	const { items, reads } = presentInbox(await createReferralsRepository({ db }).inbox(organisations, event.locals.locale));
	await recordAudit(db, ...inboxReadAudit(reads, actor.userId, requestContext(event).ipHash));
	// An accepted referral can become a request for one of the receiving organisation's courses.
	const today = wallClock(new Date()).date;
	const courseChoices: Record<string, { id: string; title: string }[]> = {};
	for (const o of organisations) if (decide(actor, coursesRules['enrolment.manage'], { organisationId: o }) === true) courseChoices[o] = await openCoursesOf(db, o, today);
	return { items, severalOrganisations: organisations.length > 1, courseChoices };
};

/** An answer: parse, load the referral, decide on its receiving organisation (404 otherwise), act. */
async function answer<S extends z.ZodType<{ referralId: string }>>(event: RequestEvent, schema: S, act: (data: z.infer<S>, ctx: { actorUserId: string; organisationId: string; ipHash: string }) => Promise<AnswerResult>) {
	authorize(event, referralRules['inbox.view']);
	const form = await parseForm(event.request, schema);
	if (!form.ok) return { failure: form.failure };
	const db = runtime().database.db;
	const subject = await createReferralsRepository({ db }).subject(form.data.referralId);
	if (!subject) error(404, 'Not Found');
	const actor = authorize(event, referralRules['referral.respond'], subject, { hide: true });
	const result = await act(form.data, { actorUserId: actor.userId, organisationId: subject.toOrganisationId, ipHash: requestContext(event).ipHash });
	if (!result.ok) {
		const key = { 'not-pending': 'pro.inbox.notPending', expired: 'pro.inbox.expired', 'consent-gone': 'pro.inbox.consentGone', 'file-closed': 'pro.inbox.fileClosed' }[result.reason];
		return { failure: fail(409, { error: key, referralId: subject.id }) };
	}
	return { result };
}

const referrals = () => createReferrals({ db: runtime().database.db });

export const actions: Actions = {
	accept: async (event) => {
		const done = await answer(event, acceptSchema, (d, ctx) => referrals().accept(d.referralId, ctx));
		return 'failure' in done ? done.failure : { accepted: true, fileId: done.result.caseFileId };
	},
	decline: async (event) => {
		const done = await answer(event, declineSchema, (d, ctx) => referrals().decline(d.referralId, d.message, ctx, new Date(), d.reason));
		return 'failure' in done ? done.failure : { declined: true };
	},
	course: async (event) => {
		authorize(event, referralRules['inbox.view']);
		const form = await parseForm(event.request, referralCourseSchema, [], 'courses.demand.errors.');
		if (!form.ok) return form.failure;
		const result = await referralCourseRequest(event, form.data);
		return result.ok ? { courseRequested: true } : fail(409, { error: result.error, referralId: form.data.referralId });
	},
	done: async (event) => {
		const done = await answer(event, doneSchema, (d, ctx) => referrals().markDone(d.referralId, d.message, ctx));
		return 'failure' in done ? done.failure : { marked: true };
	}
};
