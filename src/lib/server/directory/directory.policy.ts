import { defineRules, hasPlatformRole, isSignedIn, roleIn, type Actor } from '../policy/policy';

type InOrganisation = { organisationId: string };
const editors = new Set(['admin', 'coordinator', 'worker']);

export const directoryRules = defineRules('directory', {
	/** An organisation's services, drafts included: its members, and the directory editors who review them. */
	'service.list': (a: Actor, s: InOrganisation) => roleIn(a, s.organisationId) !== undefined || hasPlatformRole(a, 'directory_editor'),
	/** Writing a draft and sending it for review: the organisation's admins, coordinators and workers. */
	'service.edit': (a: Actor, s: InOrganisation) => editors.has(roleIn(a, s.organisationId) ?? ''),
	/** Reviewing the translations of a service's texts: those who may edit it, and the directory editors. */
	'service.translate': (a: Actor, s: InOrganisation) => editors.has(roleIn(a, s.organisationId) ?? '') || hasPlatformRole(a, 'directory_editor'),
	/** "Information verified": the organisation's admins and coordinators, or a directory editor. */
	'service.verify': (a: Actor, s: InOrganisation) => ['admin', 'coordinator'].includes(roleIn(a, s.organisationId) ?? '') || hasPlatformRole(a, 'directory_editor'),
	/**
	 * Importing services from a spreadsheet: for an organisation, those who may edit its services
	 * and the directory editors; for the whole directory (organisationId null), directory editors.
	 */
	'service.import': (a: Actor, s: { organisationId: string | null }) =>
		hasPlatformRole(a, 'directory_editor') || (s.organisationId !== null && editors.has(roleIn(a, s.organisationId) ?? '')),
	/** The import pages: whoever may import for at least one organisation. */
	import: (a: Actor) => hasPlatformRole(a, 'directory_editor') || (isSignedIn(a) && [...a.memberships.values()].some((r) => editors.has(r))),
	/** The review queue, publishing and returning: directory editors (CRI staff). */
	moderate: (a: Actor) => hasPlatformRole(a, 'directory_editor')
});
