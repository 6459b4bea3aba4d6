import { error, fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { knownFunders } from '$server/courses/courses.funding.rules';
import { endRuleFormSchema, fundingFieldErrors, ruleFormSchema } from '$server/courses/courses.funding.schemas';
import { presentRule } from '$server/courses/courses.funding.presenter';
import { createFunding } from '$server/courses/courses.funding.usecases';
import { coursesRules } from '$server/courses/courses.policy';
import { brusselsToday } from '$server/agenda/brussels-time';
import { formObject } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const funding = () => createFunding({ db: runtime().database.db });

// The funding rules of the sector: the CRI's leads and platform admins.
export const load: PageServerLoad = async (event) => {
	authorize(event, coursesRules['funding.rules']);
	const rules = (await funding().listRules()).map((r) => presentRule(r, event.locals.locale));
	return { rules, funders: [...knownFunders], today: brusselsToday(new Date()) };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = authorize(event, coursesRules['funding.rules']);
		const values = formObject(await event.request.formData());
		const parsed = ruleFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { form: 'new', errors: fundingFieldErrors(parsed.error), values });
		const rule = await funding().createRule(parsed.data, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		return { form: 'new', created: rule.id };
	},
	end: async (event) => {
		const actor = authorize(event, coursesRules['funding.rules']);
		const values = formObject(await event.request.formData());
		const parsed = endRuleFormSchema.safeParse(values);
		const form = typeof values.id === 'string' ? values.id : '';
		if (!parsed.success) return fail(400, { form, errors: fundingFieldErrors(parsed.error), values });
		const result = await funding().endRule(parsed.data.id, parsed.data.endOn, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		if (!result.ok && result.notFound) error(404, 'Not Found');
		if (!result.ok) return fail(400, { form, errors: result.errors ?? {}, values });
		return { form, ended: true };
	}
};
