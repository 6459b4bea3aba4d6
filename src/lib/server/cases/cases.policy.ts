import { defineRules, isSignedIn, type Actor, type Decision, type OrganisationRole, type SignedIn } from '../policy/policy';
import { caseSections, sectionSensitivity, type CaseSection } from './cases.sections';

/** A grant as the policy needs it (active or not: the policy checks dates itself). */
export type GrantFacts = { organisationId: string; sections: readonly string[]; expiresAt: Date; revokedAt: Date | null };

/** A case file as the policy needs it: its owner, its status and the grants other organisations hold. */
export type FileSubject = {
	ownerOrganisationId: string;
	status: string;
	grants: readonly GrantFacts[];
	/** The moment of the decision (tests pass a fixed clock). */
	now?: Date;
};

/** How an actor reaches a file: as a member of the owner organisation, or through active grants. */
export type CaseAccess = {
	/** The organisation the actor acts for. */
	organisationId: string;
	role: OrganisationRole;
	owner: boolean;
	sections: ReadonlySet<CaseSection>;
};

const editingRoles: ReadonlySet<OrganisationRole> = new Set(['admin', 'coordinator', 'worker']);
const withSecondFactor = (a: SignedIn): Decision => (a.secondFactorPassed ? true : 'second-factor');

export function grantIsActive(g: GrantFacts, now: Date): boolean {
	return g.revokedAt === null && g.expiresAt.getTime() > now.getTime();
}

/** Readers see everything but restricted sections; other roles see what the access allows. */
function visibleTo(role: OrganisationRole, sections: Iterable<CaseSection>): Set<CaseSection> {
	const out = new Set<CaseSection>();
	for (const s of sections) if (role !== 'reader' || sectionSensitivity[s] !== 'restricted') out.add(s);
	return out;
}

/**
 * The one computation of what an actor may see of a file. Owner members see every section (readers
 * not the restricted ones); another organisation's members see the sections of their active grants.
 * An anonymised file is seen by nobody but its owner organisation's admins and coordinators (counts).
 */
export function caseAccess(actor: Actor, file: FileSubject): CaseAccess | null {
	if (!isSignedIn(actor)) return null;
	const now = file.now ?? new Date();
	const ownerRole = actor.memberships.get(file.ownerOrganisationId);
	if (ownerRole) {
		if (file.status === 'anonymised' && ownerRole !== 'admin' && ownerRole !== 'coordinator') return null;
		return { organisationId: file.ownerOrganisationId, role: ownerRole, owner: true, sections: visibleTo(ownerRole, caseSections) };
	}
	if (file.status === 'anonymised') return null;
	// Sections per grantee organisation the actor belongs to; the widest access wins.
	const perOrganisation = new Map<string, { role: OrganisationRole; sections: Set<CaseSection> }>();
	for (const g of file.grants) {
		const role = actor.memberships.get(g.organisationId);
		if (!role || !grantIsActive(g, now)) continue;
		const granted = g.sections.filter((s): s is CaseSection => (caseSections as readonly string[]).includes(s));
		const entry = perOrganisation.get(g.organisationId) ?? { role, sections: new Set<CaseSection>() };
		for (const s of visibleTo(role, granted)) entry.sections.add(s);
		perOrganisation.set(g.organisationId, entry);
	}
	let best: CaseAccess | null = null;
	for (const [organisationId, { role, sections }] of perOrganisation) {
		if (sections.size > (best?.sections.size ?? 0)) best = { organisationId, role, owner: false, sections };
	}
	return best;
}

const onFile = (a: Actor, file: FileSubject, test: (access: CaseAccess) => boolean): Decision => {
	const access = caseAccess(a, file);
	if (!access || !isSignedIn(a) || !test(access)) return false;
	return withSecondFactor(a);
};

type SectionSubject = { file: FileSubject; section: CaseSection };

export const casesRules = defineRules('cases', {
	/** The list of files: any member role of an organisation (the SQL scope narrows the rows). */
	'file.list': (a: Actor) => (isSignedIn(a) && a.memberships.size > 0 ? withSecondFactor(a) : false),
	/** Opening a file for a given organisation: admins, coordinators and workers of that organisation. */
	'file.create': (a: Actor, o: { organisationId: string }) => {
		const role = isSignedIn(a) ? a.memberships.get(o.organisationId) : undefined;
		return role && editingRoles.has(role) && isSignedIn(a) ? withSecondFactor(a) : false;
	},
	/** Seeing a file at all (its summary and the sections the access allows). */
	'file.view': (a: Actor, f: FileSubject) => onFile(a, f, () => true),
	'section.view': (a: Actor, s: SectionSubject) => onFile(a, s.file, (x) => x.sections.has(s.section)),
	/** Changing a section: members who are not readers, on a section they see; identity stays with the owner. */
	'section.edit': (a: Actor, s: SectionSubject) =>
		onFile(a, s.file, (x) => editingRoles.has(x.role) && x.sections.has(s.section) && (s.section !== 'identity' || x.owner) && s.file.status === 'open'),
	/** Consents, referrals, closing and reopening: the owner organisation's admins, coordinators and workers. */
	'file.manage': (a: Actor, f: FileSubject) => onFile(a, f, (x) => x.owner && editingRoles.has(x.role) && f.status !== 'anonymised'),
	/** "Who accessed this file", for the person: the owner organisation's admins, coordinators and workers. */
	'file.access-log': (a: Actor, f: FileSubject) => onFile(a, f, (x) => x.owner && editingRoles.has(x.role)),
	/** The person's rights: export, erasure by anonymisation. Admins and coordinators of the owner. */
	'file.rights': (a: Actor, f: FileSubject) => onFile(a, f, (x) => x.owner && (x.role === 'admin' || x.role === 'coordinator'))
});
