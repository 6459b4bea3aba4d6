import { criRole, defineRules, hasPlatformRole, isSignedIn, type Actor, type Decision, type OrganisationRole, type SignedIn } from '../policy/policy';

/**
 * Who may do what with courses. The subject is always the organisation that runs the course (or
 * that holds a request): `{ organisationId }`. Lists of people (waiting lists, registers) are
 * personal data: they need the second factor, like case files.
 *
 * The sector's report and the funding rules belong to the CRI (members of an organisation of kind
 * 'cri') and platform admins; an organisation exports its own funding justification.
 */
export type CourseSubject = { organisationId: string };

const writers: ReadonlySet<OrganisationRole> = new Set(['admin', 'coordinator', 'worker']);
const leads: ReadonlySet<OrganisationRole> = new Set(['admin', 'coordinator']);
const withSecondFactor = (a: SignedIn): Decision => (a.secondFactorPassed ? true : 'second-factor');

const roleOf = (a: Actor, organisationId: string) => (isSignedIn(a) ? a.memberships.get(organisationId) : undefined);
const member = (a: Actor, s: CourseSubject, roles: ReadonlySet<OrganisationRole> | null, secondFactor: boolean): Decision => {
	const role = roleOf(a, s.organisationId);
	if (!role || !isSignedIn(a) || (roles && !roles.has(role))) return false;
	return secondFactor ? withSecondFactor(a) : true;
};
/** CRI staff (admins and coordinators of a CRI) and platform admins: the sector's view. */
const sector = (a: Actor): Decision => {
	if (!isSignedIn(a)) return false;
	const role = criRole(a);
	if (hasPlatformRole(a, 'platform_admin') || (role && leads.has(role))) return withSecondFactor(a);
	return false;
};

export const coursesRules = defineRules('courses', {
	/** The pro list of courses: any member of an organisation (each sees its own organisations' courses). */
	'course.list': (a: Actor) => (isSignedIn(a) && a.memberships.size > 0 ? true : false),
	/** Creating, editing, planning sessions: the organisation's admins, coordinators and workers. */
	'course.edit': (a: Actor, s: CourseSubject) => member(a, s, writers, false),
	/** Seeing a course's page in the pro space (no people on it): any member, readers included. */
	'course.view': (a: Actor, s: CourseSubject) => member(a, s, null, false),
	/** Publishing (and so listing in the directory), archiving, cancelling: admins and coordinators. */
	'course.publish': (a: Actor, s: CourseSubject) => member(a, s, leads, false),
	/** The waiting list and the enrolled people: any member with a second factor (personal data). */
	'enrolment.view': (a: Actor, s: CourseSubject) => member(a, s, null, true),
	/** Adding, offering a seat, enrolling, withdrawing, proposing a seat elsewhere: writers with a second factor. */
	'enrolment.manage': (a: Actor, s: CourseSubject) => member(a, s, writers, true),
	/** Recording a session's register: writers with a second factor. */
	'register.record': (a: Actor, s: CourseSubject) => member(a, s, writers, true),
	/** Locking and unlocking a register: admins and coordinators with a second factor. */
	'register.lock': (a: Actor, s: CourseSubject) => member(a, s, leads, true),
	/** The quarterly report of the sector (counts only; under 5 shown as "<5"). */
	'report.view': (a: Actor) => sector(a),
	/** The funding rules (per funder and axis). */
	'funding.rules': (a: Actor) => sector(a),
	/** An organisation's funding justification: its admins and coordinators, and the sector. */
	'funding.export': (a: Actor, s: CourseSubject) => {
		const own = member(a, s, leads, true);
		return own !== false ? own : sector(a);
	}
});
