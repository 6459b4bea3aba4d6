import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { authorize, requestContext } from '$server/http/guard';
import { identityRules } from '$server/identity/identity.policy';
import { createOutboxRepository } from '$server/notify/outbox.repository';
import type { PageServerLoad } from './$types';

/** Without SMTP_URL, e-mails wait here; a platform admin passes them on by hand. */
export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, identityRules['outbox.view']);
	const db = runtime().database.db;
	const mails = await createOutboxRepository({ db }).latest(100);
	await recordAudit(db, { actorUserId: actor.userId, action: 'outbox.viewed', subjectType: 'outbox', ipHash: requestContext(event).ipHash });
	return {
		smtp: Boolean(runtime().config.smtpUrl),
		mails: mails.map((m) => ({ id: m.id, recipient: m.recipient, kind: m.kind, subject: m.subject, body: m.bodyText, createdAt: m.createdAt, sentAt: m.sentAt, error: m.error }))
	};
};
