import { defineRules, hasPlatformRole, isSignedIn, roleIn, type Actor } from '../policy/policy';

/** An activity as the rules see it: its organisation (null for a public proposal). */
type EventSubject = { organisationId: string | null };
const editors = new Set(['admin', 'coordinator', 'worker']);
const moderator = (a: Actor) => hasPlatformRole(a, 'directory_editor');
const editsFor = (a: Actor, organisationId: string | null) => organisationId !== null && editors.has(roleIn(a, organisationId) ?? '');

export const agendaRules = defineRules('agenda', {
	/** The pro agenda page: anyone who may write activities for an organisation, and the moderators. */
	enter: (a: Actor) => moderator(a) || (isSignedIn(a) && [...a.memberships.values()].some((r) => editors.has(r))),
	/** Creating an organisation's activity: its admins, coordinators and workers. */
	'event.create': (a: Actor, s: { organisationId: string }) => editsFor(a, s.organisationId),
	/** Seeing an activity's working version and history: its organisation's members, and the moderators. */
	'event.view': (a: Actor, s: EventSubject) => (s.organisationId !== null && roleIn(a, s.organisationId) !== undefined) || moderator(a),
	/**
	 * Writing the working version and sending it for review: the organisation's admins,
	 * coordinators and workers; a public proposal (no organisation) is completed by the moderators.
	 */
	'event.edit': (a: Actor, s: EventSubject) => editsFor(a, s.organisationId) || (s.organisationId === null && moderator(a)),
	/** Reviewing the translations of its texts: those who may edit it, and the moderators. */
	'event.translate': (a: Actor, s: EventSubject) => editsFor(a, s.organisationId) || moderator(a),
	/** Cancelling a published activity (it happens no more): the organisation's editors, and the moderators. */
	'event.cancel': (a: Actor, s: EventSubject) => editsFor(a, s.organisationId) || moderator(a),
	/** The queue, publishing, returning with a comment, declining a proposal: directory editors. */
	moderate: (a: Actor) => moderator(a)
});

/** The organisations whose activities an actor lists in the pro space (SQL scope): its memberships. */
export function agendaOrganisationScope(a: Actor): string[] {
	return isSignedIn(a) ? [...a.memberships.keys()] : [];
}
