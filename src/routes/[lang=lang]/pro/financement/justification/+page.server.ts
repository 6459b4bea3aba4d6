import { formatEuros, formatHours } from '$server/courses/courses.funding.presenter';
import { openJustification } from '$server/courses/funding/open-justification';
import { quarterKey, recentQuarters } from '$server/courses/quarter';
import { requestContext } from '$server/http/guard';
import type { PageServerLoad } from './$types';

export const csr = false;

// An organisation's funding justification for a quarter: figures per course and per funder, no names.
export const load: PageServerLoad = async (event) => {
	const { actor, funding, organisation, quarter, quarterError, now, sector } = await openJustification(event);
	const locale = event.locals.locale;
	const organisations = sector ? await funding.organisationsWithCourses() : [];
	const quarters = recentQuarters(now).map(quarterKey);
	if (!quarters.includes(quarterKey(quarter))) quarters.push(quarterKey(quarter));
	const base = { quarter: quarterKey(quarter), quarterError, quarters, organisations, organisationId: organisation?.id ?? '', sector };
	if (!organisation || quarterError) return { ...base, justification: null };
	const j = await funding.justification(organisation, quarter, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash }, now);
	const euros = (c: number | null) => (c === null ? null : formatEuros(locale, c));
	return {
		...base,
		justification: {
			organisationName: j.organisation.name,
			unlockedSessions: j.unlockedSessions,
			withoutRule: j.withoutRule,
			courses: j.courses.map((c) => ({
				id: c.id,
				title: c.title,
				axis: c.axis,
				level: c.level,
				funder: c.funder,
				sessions: c.sessions,
				unlockedSessions: c.unlockedSessions,
				hoursGiven: formatHours(locale, c.minutesGiven),
				trainees: c.trainees,
				traineeHours: formatHours(locale, c.traineeMinutes),
				rule: c.rule && { label: c.rule.label, mode: c.rule.mode, rate: formatEuros(locale, c.rule.amountCents) },
				amount: euros(c.amountCents)
			})),
			totals: j.totals.map((t) => ({ funder: t.funder, courses: t.courses, sessions: t.sessions, unlockedSessions: t.unlockedSessions, hoursGiven: formatHours(locale, t.minutesGiven), traineeHours: formatHours(locale, t.traineeMinutes), amount: formatEuros(locale, t.amountCents), withoutRule: t.withoutRule }))
		}
	};
};
