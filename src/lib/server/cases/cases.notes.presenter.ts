import { can, type SignedIn } from '../policy/policy';
import type { CaseActor } from './case-audit';
import type { DocumentView } from './cases.documents.usecases';
import type { FactView } from './cases.facts.usecases';
import { caseNotesRules, factSections, type FactSection } from './cases.notes.policy';
import { sensitivities } from './cases.notes.schemas';
import type { NoteView } from './cases.notes.usecases';
import { casesRules, type CaseAccess, type FileSubject } from './cases.policy';
import { sectionOfSensitivity, type Sensitivity } from './cases.sections';

type Context = { actor: SignedIn; subject: FileSubject; now?: Date };

/** The actor as the audit trail names them on this file. */
export const caseActor = (actor: SignedIn, access: CaseAccess, ipHash: string | null): CaseActor => ({ userId: actor.userId, organisationId: access.organisationId, ipHash });

/** The sensitivities a person may write notes or documents in (sections they may edit). */
export function writableSensitivities({ actor, subject }: Context): Sensitivity[] {
	return sensitivities.filter((s) => can(actor, casesRules['section.edit'], { file: subject, section: sectionOfSensitivity(s) }));
}

export type NotePresented = Omit<NoteView, 'createdBy'> & { canEdit: boolean; canCorrect: boolean; mine: boolean };

export function presentNotes(notes: NoteView[], { actor, subject, now = new Date() }: Context): NotePresented[] {
	return notes.map(({ createdBy, ...n }) => ({
		...n,
		mine: createdBy === actor.userId,
		canEdit: n.text !== null && can(actor, caseNotesRules['note.edit'], { file: subject, section: n.section, authorId: createdBy, createdAt: n.createdAt, now }),
		canCorrect: can(actor, casesRules['section.edit'], { file: subject, section: n.section })
	}));
}

export type DocumentPresented = Omit<DocumentView, 'uploadedBy'> & { canDelete: boolean };

export function presentDocuments(documents: DocumentView[], { actor, subject }: Context): DocumentPresented[] {
	return documents.map(({ uploadedBy: _uploadedBy, ...d }) => ({ ...d, canDelete: can(actor, casesRules['section.edit'], { file: subject, section: d.section }) }));
}

export type FactPresented = { section: FactSection; fact: FactView | null; canEdit: boolean };

/** The restricted sections the person sees, in order, with their content and whether they may change it. */
export function presentFacts(facts: Partial<Record<FactSection, FactView>>, access: CaseAccess, { actor, subject }: Context): FactPresented[] {
	return factSections
		.filter((s) => access.sections.has(s))
		.map((section) => ({ section, fact: facts[section] ?? null, canEdit: can(actor, casesRules['section.edit'], { file: subject, section }) }));
}
