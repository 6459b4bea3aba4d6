import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { logger } from '../log/logger';
import { createConsents, fileEvent, touchFiles } from './cases.consents.usecases';
import { createReferralMail, type ReferralMailDeps } from './cases.referrals.notify';
import { referral } from './cases.referrals.table';
import { REFERRAL_EXPIRY_DAYS, REFERRAL_REMINDER_DAYS } from './cases.referrals.usecases';

const DAY_MS = 86_400_000;
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * The hourly work on consents and referrals, safe to run in every process at once: each row is
 * claimed by an UPDATE whose condition only the first process meets (RETURNING tells it it won).
 * 1. grants of consents past their last day end ('consent_expired'); waiting referrals under them are cancelled;
 * 2. referrals unanswered for 30 days expire (the sender sees it on the file);
 * 3. referrals unanswered for 10 days are reminded once to the receiving organisation by e-mail.
 */
export function createReferralJobs(deps: ReferralMailDeps) {
	const { db } = deps;
	const mail = createReferralMail(deps);

	async function expireUnanswered(now: Date): Promise<number> {
		return db.transaction(async (tx) => {
			const t = tx as unknown as Database;
			const expired = await t
				.update(referral)
				.set({ status: 'expired', closedAt: now, updatedAt: now })
				.where(and(eq(referral.status, 'sent'), lte(referral.sentAt, ago(now, REFERRAL_EXPIRY_DAYS))))
				.returning({ id: referral.id, caseFileId: referral.caseFileId, fromOrganisationId: referral.fromOrganisationId, toOrganisationId: referral.toOrganisationId });
			await touchFiles(t, expired.map((r) => r.caseFileId), now);
			await recordAudit(t, ...expired.map((r) => fileEvent(r.caseFileId, 'referral.expired', { actorUserId: null, organisationId: r.fromOrganisationId }, { referral: r.id, organisation: r.toOrganisationId })));
			return expired.length;
		});
	}

	/** One e-mail per receiving organisation and run, however many of its referrals are due. */
	async function remindUnanswered(now: Date): Promise<number> {
		const due = await db
			.select({ id: referral.id, toOrganisationId: referral.toOrganisationId })
			.from(referral)
			.where(and(eq(referral.status, 'sent'), isNull(referral.remindedAt), lte(referral.sentAt, ago(now, REFERRAL_REMINDER_DAYS)), gt(referral.sentAt, ago(now, REFERRAL_EXPIRY_DAYS))));
		const claimedBy = new Map<string, string[]>();
		for (const r of due) {
			const [claimed] = await db
				.update(referral)
				.set({ remindedAt: now })
				.where(and(eq(referral.id, r.id), isNull(referral.remindedAt), eq(referral.status, 'sent')))
				.returning({ id: referral.id });
			if (!claimed) continue;
			claimedBy.set(r.toOrganisationId, [...(claimedBy.get(r.toOrganisationId) ?? []), r.id]);
		}
		for (const [organisationId, ids] of claimedBy) {
			await mail.notify(organisationId, 'reminder');
			await recordAudit(db, ...ids.map((id) => ({ actorUserId: null, organisationId, action: 'referral.reminded', subjectType: 'referral', subjectId: id })));
		}
		return [...claimedBy.values()].reduce((n, ids) => n + ids.length, 0);
	}

	async function run(now = new Date()) {
		const consents = await createConsents({ db }).endLapsed(now);
		const expired = await expireUnanswered(now);
		const reminded = await remindUnanswered(now);
		if (consents.grants || consents.referrals || expired || reminded) logger.info({ grantsEnded: consents.grants, referralsCancelled: consents.referrals, referralsExpired: expired, referralsReminded: reminded }, 'case jobs');
		return { grantsEnded: consents.grants, referralsCancelled: consents.referrals, referralsExpired: expired, referralsReminded: reminded };
	}

	return { run, expireUnanswered, remindUnanswered };
}

/** Starts the hourly job of a process; returns the timer (unref'd: it never keeps the process alive). */
export function startCaseJobs(deps: ReferralMailDeps): NodeJS.Timeout {
	const jobs = createReferralJobs(deps);
	const timer = setInterval(() => void jobs.run(new Date()).catch((error) => logger.warn({ err: (error as Error).name }, 'case jobs failed')), 3_600_000);
	timer.unref();
	return timer;
}
