import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { presentRegister } from '$server/courses/courses.attendance.presenter';
import { readRegisterForm } from '$server/courses/courses.attendance.schemas';
import { createAttendance } from '$server/courses/courses.attendance.usecases';
import { coursesRules } from '$server/courses/courses.policy';
import { presentCourseHeader } from '$server/courses/courses.presenter';
import { openCourseSession } from '$server/courses/load-course';
import { requestContext } from '$server/http/guard';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const doneMessages = ['saved', 'locked', 'unlocked'] as const;

/** Every load and action: the session through its course's policy, then the register's use-cases. */
async function open(event: RequestEvent, rule: string) {
	const opened = await openCourseSession(event, event.params.id!, event.params.sid!, rule);
	const attendance = createAttendance({ db: runtime().database.db, autoLockDays: runtime().config.registerAutoLockDays });
	const who = { userId: opened.actor.userId, organisationId: opened.course.organisationId, ipHash: requestContext(event).ipHash };
	const back = (done: string) => `/${event.locals.locale}/pro/cours/${opened.course.id}/seances/${opened.session.id}?ok=${done}`;
	return { ...opened, attendance, who, back };
}

export const load: PageServerLoad = async (event) => {
	const { actor, course, session, attendance, who } = await open(event, coursesRules['enrolment.view']);
	const now = new Date();
	const register = await attendance.view(session, who, now);
	const done = event.url.searchParams.get('ok');
	return {
		header: await presentCourseHeader(runtime().database.db, actor, course),
		...presentRegister(actor, course, register.session, register.rows, now),
		done: (doneMessages as readonly string[]).includes(done ?? '') ? done : null
	};
};

export const actions: Actions = {
	/** The whole register at once; a refused row comes back with its error and everything typed. */
	save: async (event) => {
		const { session, attendance, who, back } = await open(event, coursesRules['register.record']);
		const { rows, foreign } = readRegisterForm(await event.request.formData());
		const values = Object.fromEntries(rows.map((r) => [r.enrolmentId, { status: r.status, hours: r.hours }]));
		if (foreign) return fail(400, { action: 'save', error: 'courses.register.errors.notOnRegister', errors: {}, values });
		const result = await attendance.save(session.id, rows, who);
		if (result.ok) redirect(303, back('saved'));
		if (result.reason === 'invalid') {
			const error = result.notOnRegister ? 'courses.register.errors.notOnRegister' : 'courses.register.errors.summary';
			return fail(400, { action: 'save', error, errors: result.errors, values });
		}
		return fail(409, { action: 'save', error: `courses.register.errors.${result.reason}`, errors: {}, values });
	},

	/** Leads lock a held register: funding counts it, nobody changes it any more. */
	lock: async (event) => {
		const { session, attendance, who, back } = await open(event, coursesRules['register.lock']);
		const result = await attendance.lock(session.id, who);
		if (!result.ok) return fail(409, { action: 'lock', error: `courses.register.errors.${result.reason}`, errors: {}, values: {} });
		redirect(303, back('locked'));
	},

	/** …and unlock it to correct it. */
	unlock: async (event) => {
		const { session, attendance, who, back } = await open(event, coursesRules['register.lock']);
		const result = await attendance.unlock(session.id, who);
		if (!result.ok) return fail(409, { action: 'unlock', error: `courses.register.errors.${result.reason}`, errors: {}, values: {} });
		redirect(303, back('unlocked'));
	}
};
