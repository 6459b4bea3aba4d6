import { decide, defineRules, isSignedIn, type Actor, type Decision } from '../policy/policy';
import { caseAccess, casesRules, type FileSubject } from './cases.policy';
import type { CaseSection } from './cases.sections';

/** Sections whose content is notes and documents (by sensitivity) and restricted facts. */
export const noteSections = ['notes', 'social', 'restricted'] as const satisfies readonly CaseSection[];
export const factSections = ['residence', 'health', 'legal'] as const satisfies readonly CaseSection[];
export type FactSection = (typeof factSections)[number];

/** An author may rewrite their own note for this long; afterwards a correction is added instead. */
export const NOTE_EDIT_WINDOW_MS = 24 * 3_600_000;

const withSecondFactor = (a: Actor): Decision => (isSignedIn(a) && a.secondFactorPassed ? true : 'second-factor');

const seesAny = (a: Actor, f: FileSubject, sections: readonly CaseSection[]): Decision => {
	const access = caseAccess(a, f);
	return access && sections.some((s) => access.sections.has(s)) ? withSecondFactor(a) : false;
};

type NoteSubject = { file: FileSubject; section: CaseSection; authorId: string | null; createdAt: Date; now?: Date };

export const caseNotesRules = defineRules('cases.notes', {
	/** The notes and documents tabs: any section of notes, documents or restricted facts (as the tabs show). */
	view: (a: Actor, f: FileSubject) => seesAny(a, f, [...noteSections, ...factSections]),
	/** The restricted facts page: residence, health or legal (readers never; grantees when granted). */
	'facts.view': (a: Actor, f: FileSubject) => seesAny(a, f, factSections),
	/** Rewriting a note: its author, within 24 hours, while they may still edit its section. */
	'note.edit': (a: Actor, n: NoteSubject) => {
		if (!isSignedIn(a) || n.authorId !== a.userId) return false;
		if ((n.now ?? new Date()).getTime() - n.createdAt.getTime() > NOTE_EDIT_WINDOW_MS) return false;
		return decide(a, casesRules['section.edit'], { file: n.file, section: n.section });
	}
});
