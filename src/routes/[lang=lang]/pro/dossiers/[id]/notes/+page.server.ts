import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { recordSectionReads } from '$server/cases/case-audit';
import { caseKeyring } from '$server/cases/case-keyring';
import { caseNotesRules, factSections, noteSections } from '$server/cases/cases.notes.policy';
import { caseActor, presentNotes, writableSensitivities } from '$server/cases/cases.notes.presenter';
import { checkNoteBody, MAX_NOTE_LENGTH, readNoteForm, sensitivitySchema } from '$server/cases/cases.notes.schemas';
import { createCaseNotes } from '$server/cases/cases.notes.usecases';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { sectionOfSensitivity, type Sensitivity } from '$server/cases/cases.sections';
import { openCaseFile } from '$server/cases/load-case-file';
import { authorize, requestContext } from '$server/http/guard';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const uuidOrNull = (v: string | null) => (v && z.uuid().safeParse(v).success ? v : null);
const doneMessages = ['added', 'edited', 'corrected'] as const;

/** Every load and action: the file through its policy (404 when refused), without a read row (each records its own). */
async function open(event: RequestEvent) {
	const opened = await openCaseFile(event, event.params.id!, { rule: caseNotesRules.view, audit: false });
	const db = runtime().database.db;
	const notes = createCaseNotes({ db, keys: caseKeyring() });
	const who = caseActor(opened.actor, opened.access, requestContext(event).ipHash);
	const back = (done: string, noteId: string) => `/${event.locals.locale}/pro/dossiers/${opened.file.id}/notes?ok=${done}#note-${noteId}`;
	return { ...opened, db, notes, who, back };
}

/** A note of this file named by the form, or 404. */
async function noteOf(notes: ReturnType<typeof createCaseNotes>, fileId: string, id: string) {
	const noteId = uuidOrNull(id);
	const note = noteId ? await notes.find(fileId, noteId) : null;
	if (!note) error(404, 'Not Found');
	return note;
}

export const load: PageServerLoad = async (event) => {
	const { actor, file, subject, access, db, notes, who } = await open(event);
	// One read row per section shown (the file alone when the person sees none of the notes sections).
	const read = noteSections.filter((s) => access.sections.has(s));
	await recordSectionReads(db, who, file.id, read.length ? read : [null], { owner: access.owner });
	const list = await notes.list(file.id, access.sections);
	const done = event.url.searchParams.get('ok');
	return {
		header: await presentCaseHeader(db, file, access),
		notes: presentNotes(list, { actor, subject }),
		writable: writableSensitivities({ actor, subject }),
		factsVisible: factSections.some((s) => access.sections.has(s)),
		editing: uuidOrNull(event.url.searchParams.get('modifier')),
		correcting: uuidOrNull(event.url.searchParams.get('corriger')),
		done: (doneMessages as readonly string[]).includes(done ?? '') ? done : null,
		maxLength: MAX_NOTE_LENGTH
	};
};

export const actions: Actions = {
	/** A new note in a section the person may edit; refused input comes back as typed, however long. */
	add: async (event) => {
		const { subject, file, notes, who, back } = await open(event);
		const form = readNoteForm(await event.request.formData());
		const values = { sensitivity: form.sensitivity, body: form.body };
		const errors: Record<string, string> = {};
		const sensitivity = sensitivitySchema.safeParse(form.sensitivity);
		if (sensitivity.success) authorize(event, casesRules['section.edit'], { file: subject, section: sectionOfSensitivity(sensitivity.data) }, { hide: true });
		else errors.sensitivity = 'pro.cases.notes.chooseSensitivity';
		const problem = checkNoteBody(form.body);
		if (problem) errors.body = problem.key;
		if (!sensitivity.success || problem) return fail(400, { action: 'add', errors, params: problem?.params ?? {}, values });
		const { id } = await notes.add(file.id, { sensitivity: sensitivity.data, body: form.body }, who);
		redirect(303, back('added', id));
	},

	/** The author rewrites their note within 24 hours; the earlier text is kept. */
	edit: async (event) => {
		const { actor, subject, file, notes, who, back } = await open(event);
		const form = readNoteForm(await event.request.formData());
		const note = await noteOf(notes, file.id, form.note);
		const section = sectionOfSensitivity(note.sensitivity as Sensitivity);
		const values = { body: form.body, version: form.version };
		if (!can(actor, caseNotesRules['note.edit'], { file: subject, section, authorId: note.createdBy, createdAt: note.createdAt })) {
			// Too late to rewrite (or not the author): offer the text as a correction instead, nothing lost.
			authorize(event, casesRules['section.edit'], { file: subject, section }, { hide: true });
			return fail(409, { action: 'correct', note: note.id, errors: { body: 'pro.cases.notes.editClosed' }, params: {}, values });
		}
		const version = z.coerce.number().int().min(1).safeParse(form.version);
		const problem = checkNoteBody(form.body);
		if (problem || !version.success) return fail(400, { action: 'edit', note: note.id, errors: { body: problem?.key ?? 'pro.errors.invalid' }, params: problem?.params ?? {}, values });
		const result = await notes.edit(file.id, note.id, { version: version.data, body: form.body }, who);
		if (!result.ok) {
			// Someone saved it meanwhile: their text is shown, this one kept in the form, to save again knowingly.
			const current = result.conflict;
			return fail(409, {
				action: 'edit',
				note: note.id,
				errors: { body: 'pro.cases.notes.conflict' },
				params: {},
				conflict: current ? { text: current.text, version: current.version, updatedAt: current.updatedAt } : null,
				values: { body: form.body, version: String(current?.version ?? form.version) }
			});
		}
		redirect(303, back('edited', note.id));
	},

	/** A correction: a new note of the same sensitivity, pointing at the one it corrects (which stays, marked). */
	correct: async (event) => {
		const { subject, file, notes, who, back } = await open(event);
		const form = readNoteForm(await event.request.formData());
		const note = await noteOf(notes, file.id, form.note);
		authorize(event, casesRules['section.edit'], { file: subject, section: sectionOfSensitivity(note.sensitivity as Sensitivity) }, { hide: true });
		const problem = checkNoteBody(form.body);
		if (problem) return fail(400, { action: 'correct', note: note.id, errors: { body: problem.key }, params: problem.params ?? {}, values: { body: form.body } });
		const { id } = await notes.add(file.id, { sensitivity: note.sensitivity as Sensitivity, body: form.body, correctsNoteId: note.id }, who);
		redirect(303, back('corrected', id));
	}
};
