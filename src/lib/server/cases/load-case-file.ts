import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '../app/runtime';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { authorize, requestContext } from '../http/guard';
import type { SignedIn } from '../policy/policy';
import { caseAccess, casesRules, type CaseAccess, type FileSubject } from './cases.policy';
import type { CaseSection } from './cases.sections';
import { loadFileSubject, type CaseFileRow } from './cases.scope';

export type OpenedCaseFile = { actor: SignedIn; file: CaseFileRow; subject: FileSubject; access: CaseAccess };

type Options = {
	/** The rule to check (default: cases.file.view, or cases.section.view when a section is named). */
	rule?: string;
	/** The section the page shows or changes. */
	section?: CaseSection;
	/** Why the file is read (audit "purpose"): view, edit, export, print… */
	purpose?: string;
	/** Record the read in the audit trail (default true; actions that audit their change pass false). */
	audit?: boolean;
};

/**
 * Every case route starts here: parse the id, load the file and its grants, decide with the
 * policy (a refusal is a 404: whether a file exists is itself private), and record the read.
 */
export async function openCaseFile(event: RequestEvent, id: string, options: Options = {}, db: Database = runtime().database.db): Promise<OpenedCaseFile> {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const loaded = await loadFileSubject(db, id);
	if (!loaded) {
		// Unknown ids answer like refused ones; anonymous visitors still go to the sign-in page.
		authorize(event, casesRules['file.view'], { ownerOrganisationId: '', status: 'open', grants: [] }, { hide: true });
		error(404, 'Not Found');
	}
	const rule = options.rule ?? (options.section ? casesRules['section.view'] : casesRules['file.view']);
	const subject = options.section && rule.startsWith('cases.section.') ? { file: loaded.subject, section: options.section } : loaded.subject;
	const actor = authorize(event, rule, subject, { hide: true });
	const access = caseAccess(actor, loaded.subject)!;
	if (options.audit !== false) {
		await recordAudit(db, {
			actorUserId: actor.userId,
			organisationId: access.organisationId,
			action: 'case_file.viewed',
			subjectType: 'case_file',
			subjectId: id,
			section: options.section ?? null,
			purpose: options.purpose ?? 'view',
			ipHash: requestContext(event).ipHash,
			details: { owner: access.owner }
		});
	}
	return { actor, file: loaded.file, subject: loaded.subject, access };
}
