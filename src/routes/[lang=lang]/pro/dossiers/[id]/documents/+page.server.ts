import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { recordSectionReads } from '$server/cases/case-audit';
import { checkUpload, MAX_DOCUMENT_BYTES, type DocumentKind } from '$server/cases/cases.documents.storage';
import { noteSections } from '$server/cases/cases.notes.policy';
import { presentDocuments, writableSensitivities } from '$server/cases/cases.notes.presenter';
import { sensitivitySchema } from '$server/cases/cases.notes.schemas';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { sectionOfSensitivity, type Sensitivity } from '$server/cases/cases.sections';
import { openCaseDocuments } from '$server/cases/load-case-documents';
import { authorize } from '$server/http/guard';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async (event) => {
	const { actor, file, subject, access, db, documents, who } = await openCaseDocuments(event);
	const read = noteSections.filter((s) => access.sections.has(s));
	await recordSectionReads(db, who, file.id, read.length ? read : [null], { owner: access.owner });
	const done = event.url.searchParams.get('ok');
	return {
		header: await presentCaseHeader(db, file, access),
		documents: presentDocuments(await documents.list(file.id, access.sections), { actor, subject }),
		writable: writableSensitivities({ actor, subject }),
		maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024,
		done: done === 'uploaded' || done === 'deleted' ? done : null
	};
};

const problemKeys = { empty: 'pro.cases.documents.chooseFile', tooLarge: 'pro.cases.documents.tooLarge', unsupported: 'pro.cases.documents.unsupported', mismatch: 'pro.cases.documents.mismatch' } as const;

export const actions: Actions = {
	/** A PDF or an image, its type read from its content; a refused upload says why and keeps the other choices. */
	upload: async (event) => {
		const { subject, file, documents, who } = await openCaseDocuments(event);
		let data: FormData;
		try {
			data = await event.request.formData();
		} catch {
			// Cut by BODY_SIZE_LIMIT before it reached us.
			return fail(413, { errors: { file: problemKeys.tooLarge }, params: {}, values: {} });
		}
		const values = { sensitivity: String(data.get('sensitivity') ?? '') };
		const errors: Record<string, string> = {};
		const params: Record<string, string | number> = {};
		let status = 400;
		const sensitivity = sensitivitySchema.safeParse(values.sensitivity);
		if (sensitivity.success) authorize(event, casesRules['section.edit'], { file: subject, section: sectionOfSensitivity(sensitivity.data) }, { hide: true });
		else errors.sensitivity = 'pro.cases.notes.chooseSensitivity';
		const upload = data.get('file');
		let accepted: { kind: DocumentKind; bytes: Uint8Array; name: string } | null = null;
		if (!(upload instanceof File) || upload.size === 0) errors.file = problemKeys.empty;
		else if (upload.size > MAX_DOCUMENT_BYTES) {
			errors.file = problemKeys.tooLarge;
			status = 413;
		} else {
			const bytes = new Uint8Array(await upload.arrayBuffer());
			const check = checkUpload(bytes, upload.name, upload.type);
			if (check.ok) accepted = { kind: check.kind, bytes, name: upload.name };
			else {
				errors.file = problemKeys[check.problem];
				params.declared = /\.([A-Za-z0-9]{1,10})$/.exec(upload.name)?.[1]?.toUpperCase() ?? (upload.type || '?');
				status = check.problem === 'tooLarge' ? 413 : 415;
			}
		}
		if (!sensitivity.success || !accepted) return fail(errors.file ? status : 400, { errors, params: { max: MAX_DOCUMENT_BYTES / 1024 / 1024, ...params }, values });
		const { id } = await documents.upload(file.id, { sensitivity: sensitivity.data, kind: accepted.kind, fileName: accepted.name, bytes: accepted.bytes }, who);
		redirect(303, `/${event.locals.locale}/pro/dossiers/${file.id}/documents?ok=uploaded#document-${id}`);
	},

	/** Deletes a document and its file (audited); those who may edit its section. */
	delete: async (event) => {
		const { subject, file, documents, who } = await openCaseDocuments(event);
		const id = String((await event.request.formData()).get('document') ?? '');
		const row = z.uuid().safeParse(id).success ? await documents.find(file.id, id) : null;
		if (!row) error(404, 'Not Found');
		authorize(event, casesRules['section.edit'], { file: subject, section: sectionOfSensitivity(row.sensitivity as Sensitivity) }, { hide: true });
		await documents.remove(row, who);
		redirect(303, `/${event.locals.locale}/pro/dossiers/${file.id}/documents?ok=deleted`);
	}
};
