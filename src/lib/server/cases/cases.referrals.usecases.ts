import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { service } from '../directory/directory.table';
import { organisation } from '../identity/identity.table';
import { fileEvent, referralConsentFor, touchFiles, type ChangeContext } from './cases.consents.usecases';
import { brusselsDay, consentEndsAt } from './cases.dates';
import type { ReferralForm } from './cases.referrals.schemas';
import { referral } from './cases.referrals.table';
import { caseFile, caseGrant, consent } from './cases.table';

const DAY_MS = 86_400_000;
/** A referral unanswered this long is reminded once to the receiving organisation. */
export const REFERRAL_REMINDER_DAYS = 10;
/** A referral unanswered this long expires (the sender sees it on the file). */
export const REFERRAL_EXPIRY_DAYS = 30;
/** The longest a grant from an accepted referral lasts (less when the consent ends sooner). */
export const GRANT_MONTHS = 12;

type Actor = ChangeContext & { actorUserId: string };
export type SendResult = { ok: true; id: string; toOrganisationId: string } | { ok: false; errors: Record<string, string> };
export type AnswerResult = { ok: true; caseFileId: string } | { ok: false; reason: 'not-pending' | 'expired' | 'consent-gone' | 'file-closed' };

/** now + months, as an instant (the month's last day when shorter). */
function monthsAfter(now: Date, months: number): Date {
	const d = new Date(now);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	d.setUTCDate(Math.min(day, new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()));
	return d;
}

/**
 * Referrals between organisations. Sending needs the person's active referral consent naming the
 * receiver and covering the sections; accepting creates a time-limited grant on those sections
 * (until the consent ends, 12 months at most); the receiver sees nothing of the file before.
 */
export function createReferrals({ db }: { db: Database }) {
	/** Sends a referral, or says which field is wrong (catalogue keys); nothing is written then. */
	async function send(file: { id: string; ownerOrganisationId: string; status: string }, form: ReferralForm, ctx: Actor, now = new Date()): Promise<SendResult> {
		if (file.status !== 'open') return { ok: false, errors: { toOrganisationId: 'pro.errors.referral.fileClosed' } };
		let toOrganisationId = form.toOrganisationId;
		if (form.toServiceId) {
			// A service of the directory: the receiver is its organisation; only published services.
			const [s] = await db.select({ organisationId: service.organisationId }).from(service).where(and(eq(service.id, form.toServiceId), isNotNull(service.published)));
			if (!s) return { ok: false, errors: { toServiceId: 'pro.errors.referral.unknownService' } };
			if (toOrganisationId && toOrganisationId !== s.organisationId) return { ok: false, errors: { toServiceId: 'pro.errors.referral.serviceOfOther' } };
			toOrganisationId = s.organisationId;
		}
		if (!toOrganisationId) return { ok: false, errors: { toOrganisationId: 'pro.errors.referral.target' } };
		if (toOrganisationId === file.ownerOrganisationId) return { ok: false, errors: { toOrganisationId: 'pro.errors.referral.self' } };
		const [target] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, toOrganisationId));
		if (!target) return { ok: false, errors: { toOrganisationId: 'pro.errors.invalid' } };
		const to = toOrganisationId;
		// The consent is read and locked in the transaction that writes the referral: a revocation
		// running at the same moment either comes first (refused here) or waits and cancels it.
		return db.transaction(async (tx): Promise<SendResult> => {
			const t = tx as unknown as Database;
			const found = await referralConsentFor(t, file.id, to, form.sections, now, { lock: true });
			if (!found.consent) {
				return found.namesTarget
					? { ok: false, errors: { sections: 'pro.errors.referral.sectionsNotConsented' } }
					: { ok: false, errors: { toOrganisationId: 'pro.errors.referral.noConsent' } };
			}
			const consentId = found.consent.id;
			const [pending] = await t
				.select({ id: referral.id })
				.from(referral)
				.where(and(eq(referral.caseFileId, file.id), eq(referral.toOrganisationId, to), eq(referral.status, 'sent')));
			if (pending) return { ok: false, errors: { toOrganisationId: 'pro.errors.referral.alreadyPending' } };
			const [row] = await t
				.insert(referral)
				.values({
					caseFileId: file.id,
					fromOrganisationId: file.ownerOrganisationId,
					toOrganisationId: to,
					toServiceId: form.toServiceId,
					purpose: form.purpose,
					sections: form.sections,
					message: form.message,
					consentId,
					sentAt: now,
					sentBy: ctx.actorUserId
				})
				.returning({ id: referral.id });
			await touchFiles(t, [file.id], now);
			await recordAudit(t, fileEvent(file.id, 'referral.sent', ctx, { referral: row!.id, organisation: to, service: form.toServiceId, consent: consentId, purpose: form.purpose, sections: form.sections.join(',') }));
			return { ok: true, id: row!.id, toOrganisationId: to };
		});
	}

	/** A waiting referral, locked for its answer; null when it is not waiting any more. */
	async function lockWaiting(t: Database, referralId: string) {
		const [r] = await t.select().from(referral).where(eq(referral.id, referralId)).for('update');
		return r && r.status === 'sent' ? r : null;
	}

	/**
	 * Accepts a waiting referral: checks again that it is within its 30 days, that its consent
	 * still holds and that the file is open, then grants the named sections to the receiver until
	 * the consent ends (12 months at most). Late or orphaned referrals are closed instead.
	 */
	async function accept(referralId: string, ctx: Actor, now = new Date()): Promise<AnswerResult> {
		return db.transaction(async (tx) => {
			const t = tx as unknown as Database;
			const r = await lockWaiting(t, referralId);
			if (!r) return { ok: false, reason: 'not-pending' } as const;
			if (r.sentAt.getTime() + REFERRAL_EXPIRY_DAYS * DAY_MS <= now.getTime()) {
				await t.update(referral).set({ status: 'expired', closedAt: now, updatedAt: now }).where(eq(referral.id, r.id));
				await recordAudit(t, fileEvent(r.caseFileId, 'referral.expired', { actorUserId: null, organisationId: r.fromOrganisationId }, { referral: r.id, organisation: r.toOrganisationId }));
				await touchFiles(t, [r.caseFileId], now);
				return { ok: false, reason: 'expired' } as const;
			}
			// Locked: a revocation at the same moment waits, then revokes the grant made here too.
			const [c] = await t.select().from(consent).where(eq(consent.id, r.consentId)).for('share');
			if (!c || c.revokedAt || (c.expiresOn !== null && c.expiresOn < brusselsDay(now))) {
				await t.update(referral).set({ status: 'cancelled', closedAt: now, updatedAt: now }).where(eq(referral.id, r.id));
				await recordAudit(t, fileEvent(r.caseFileId, 'referral.cancelled', { actorUserId: null, organisationId: r.fromOrganisationId }, { referral: r.id, organisation: r.toOrganisationId, reason: c?.revokedAt ? 'consent_revoked' : 'consent_expired' }));
				await touchFiles(t, [r.caseFileId], now);
				return { ok: false, reason: 'consent-gone' } as const;
			}
			const [file] = await t.select({ status: caseFile.status }).from(caseFile).where(eq(caseFile.id, r.caseFileId));
			if (file?.status !== 'open') return { ok: false, reason: 'file-closed' } as const;
			const limit = monthsAfter(now, GRANT_MONTHS);
			const consentEnd = c.expiresOn ? consentEndsAt(c.expiresOn) : limit;
			const expiresAt = consentEnd < limit ? consentEnd : limit;
			const [grant] = await t
				.insert(caseGrant)
				.values({ caseFileId: r.caseFileId, organisationId: r.toOrganisationId, sections: r.sections, consentId: c.id, referralId: r.id, grantedAt: now, expiresAt })
				.returning({ id: caseGrant.id });
			await t.update(referral).set({ status: 'accepted', respondedAt: now, respondedBy: ctx.actorUserId, grantId: grant!.id, updatedAt: now }).where(eq(referral.id, r.id));
			await touchFiles(t, [r.caseFileId], now);
			await recordAudit(
				t,
				fileEvent(r.caseFileId, 'referral.accepted', ctx, { referral: r.id, organisation: r.toOrganisationId }),
				fileEvent(r.caseFileId, 'case_grant.created', ctx, { grant: grant!.id, referral: r.id, organisation: r.toOrganisationId, sections: r.sections.join(','), expiresAt: expiresAt.toISOString() })
			);
			return { ok: true, caseFileId: r.caseFileId } as const;
		});
	}

	/** Declines a waiting referral with the receiver's words for the sender. */
	async function decline(referralId: string, message: string, ctx: Actor, now = new Date(), reason: string | null = null): Promise<AnswerResult> {
		return db.transaction(async (tx) => {
			const t = tx as unknown as Database;
			const r = await lockWaiting(t, referralId);
			if (!r) return { ok: false, reason: 'not-pending' } as const;
			await t.update(referral).set({ status: 'declined', respondedAt: now, respondedBy: ctx.actorUserId, responseMessage: message, declineReason: reason, updatedAt: now }).where(eq(referral.id, r.id));
			await touchFiles(t, [r.caseFileId], now);
			await recordAudit(t, fileEvent(r.caseFileId, 'referral.declined', ctx, { referral: r.id, organisation: r.toOrganisationId }));
			return { ok: true, caseFileId: r.caseFileId } as const;
		});
	}

	/**
	 * The receiver's help is over: the referral is done and the grant it created ends now (the
	 * purpose the person agreed to is fulfilled; a new need takes a new referral).
	 */
	async function markDone(referralId: string, message: string, ctx: Actor, now = new Date()): Promise<AnswerResult> {
		return db.transaction(async (tx) => {
			const t = tx as unknown as Database;
			const [r] = await t.select().from(referral).where(eq(referral.id, referralId)).for('update');
			if (!r || r.status !== 'accepted') return { ok: false, reason: 'not-pending' } as const;
			await t
				.update(referral)
				.set({ status: 'done', doneAt: now, doneBy: ctx.actorUserId, responseMessage: message || r.responseMessage, updatedAt: now })
				.where(eq(referral.id, r.id));
			const ended = r.grantId
				? await t
						.update(caseGrant)
						.set({ revokedAt: now, revokedReason: 'referral_done' })
						.where(and(eq(caseGrant.id, r.grantId), isNull(caseGrant.revokedAt)))
						.returning({ id: caseGrant.id })
				: [];
			await touchFiles(t, [r.caseFileId], now);
			await recordAudit(
				t,
				fileEvent(r.caseFileId, 'referral.done', ctx, { referral: r.id, organisation: r.toOrganisationId }),
				...ended.map((g) => fileEvent(r.caseFileId, 'case_grant.revoked', ctx, { grant: g.id, organisation: r.toOrganisationId, reason: 'referral_done' }))
			);
			return { ok: true, caseFileId: r.caseFileId } as const;
		});
	}

	return { send, accept, decline, markDone };
}
