import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { serverTranslator } from '../i18n/server-translator';
import { membership, organisation, userAccount } from '../identity/identity.table';
import { logger } from '../log/logger';
import type { Mailer } from '../notify/mailer';

export type ReferralMailDeps = { db: Database; mailer: Mailer; origin: string };

/** Who hears of a referral for an organisation: the members who may answer it, each in their language. */
export async function answeringRecipients(db: Database, organisationId: string): Promise<{ to: string; locale: string }[]> {
	return db
		.select({ to: userAccount.email, locale: userAccount.locale })
		.from(membership)
		.innerJoin(userAccount, eq(userAccount.id, membership.userId))
		.where(and(eq(membership.organisationId, organisationId), inArray(membership.role, ['admin', 'coordinator', 'worker']), isNull(userAccount.disabledAt)))
		.orderBy(asc(membership.createdAt));
}

/**
 * E-mails to a receiving organisation that a referral waits (new, or unanswered for 10 days).
 * They say nothing of the person, the sender or the purpose: only that something waits, and the
 * link to the inbox, where the second factor protects the rest. A failure never undoes the change
 * that caused it (the mailer keeps the message in the outbox).
 */
export function createReferralMail({ db, mailer, origin }: ReferralMailDeps) {
	async function notify(organisationId: string, kind: 'received' | 'reminder'): Promise<number> {
		const [org] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, organisationId));
		if (!org) return 0;
		let sent = 0;
		for (const r of await answeringRecipients(db, organisationId)) {
			const t = serverTranslator(r.locale);
			const values = { organisation: org.name, link: `${origin}/${r.locale}/pro/orientations` };
			try {
				await mailer.send({ to: r.to, locale: r.locale, kind: `referral-${kind}`, subject: t(`mail.referral.${kind}.subject`, values), text: t(`mail.referral.${kind}.body`, values) });
				sent++;
			} catch (error) {
				logger.warn({ err: (error as Error).name, kind: `referral-${kind}` }, 'referral mail not written');
			}
		}
		return sent;
	}
	return { notify };
}

export type ReferralMail = ReturnType<typeof createReferralMail>;
