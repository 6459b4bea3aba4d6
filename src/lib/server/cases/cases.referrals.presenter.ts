import type { AuditEntry } from '../audit/audit.repository';
import type { FileReferralRow, InboxRow } from './cases.referrals.repository';

type GrantFacts = { grantExpiresAt: Date | null; grantRevokedAt: Date | null; grantRevokedReason: string | null };

/** The access a referral's grant gives: none yet, active until a date, or ended (and why). */
function accessOf(g: GrantFacts, now: Date) {
	if (!g.grantExpiresAt) return null;
	if (g.grantRevokedAt) return { state: 'ended' as const, at: g.grantRevokedAt, reason: g.grantRevokedReason ?? 'manual' };
	if (g.grantExpiresAt <= now) return { state: 'ended' as const, at: g.grantExpiresAt, reason: 'expired' };
	return { state: 'active' as const, at: g.grantExpiresAt, reason: null };
}

/** A file's referrals for its owner: where they went, the answer, and the access they opened. */
export function presentFileReferrals(rows: FileReferralRow[], now = new Date()) {
	return rows.map(({ r, ...x }) => ({
		id: r.id,
		to: x.toName,
		service: x.serviceName,
		purpose: r.purpose,
		sections: r.sections,
		message: r.message,
		status: r.status,
		sentAt: r.sentAt,
		sentBy: x.sentByName,
		respondedAt: r.respondedAt,
		respondedBy: x.respondedByName,
		responseMessage: r.responseMessage,
		doneAt: r.doneAt,
		closedAt: r.closedAt,
		access: accessOf(x, now)
	}));
}

/**
 * Incoming referrals as the receiver sees them. Until it accepts, only the referral itself: who
 * sends it, for what, the sender's message, and the person's name when the identity section is
 * among those shared. Once accepted and while its grant holds, a link to the file (the policy
 * then shows the shared sections). Closed referrals keep their dates and outcome, nothing of the
 * person. `reads` are the audit rows of what the page shows of a file (name or message).
 */
export function presentInbox(rows: InboxRow[], now = new Date()) {
	const reads: { fileId: string; organisationId: string; section: string | null; referralId: string }[] = [];
	const items = rows.map(({ r, ...x }) => {
		const access = accessOf(x, now);
		const open = x.fileStatus !== 'anonymised' && (r.status === 'sent' || (r.status === 'accepted' && access?.state === 'active'));
		const named = open && r.sections.includes('identity');
		if (open) reads.push({ fileId: r.caseFileId, organisationId: r.toOrganisationId, section: named ? 'identity' : null, referralId: r.id });
		return {
			id: r.id,
			status: r.status,
			from: x.fromName,
			to: x.toName,
			toOrganisationId: r.toOrganisationId,
			service: x.serviceName,
			purpose: r.purpose,
			sections: r.sections,
			message: open ? r.message : null,
			personName: named ? [x.firstName, x.lastName].filter(Boolean).join(' ') : null,
			fileId: r.status === 'accepted' && access?.state === 'active' ? r.caseFileId : null,
			sentAt: r.sentAt,
			respondedAt: r.respondedAt,
			responseMessage: r.responseMessage,
			doneAt: r.doneAt,
			closedAt: r.closedAt,
			access,
			waiting: r.status === 'sent'
		};
	});
	return { items, reads };
}

/** Audit rows for what an inbox showed of files (one per referral and section read). */
export function inboxReadAudit(reads: ReturnType<typeof presentInbox>['reads'], actorUserId: string, ipHash: string | null): AuditEntry[] {
	return reads.map((x) => ({
		actorUserId,
		organisationId: x.organisationId,
		action: 'case_file.viewed',
		subjectType: 'case_file',
		subjectId: x.fileId,
		section: x.section,
		purpose: 'referral',
		ipHash,
		details: { referral: x.referralId, owner: false }
	}));
}
