import { and, asc, eq, inArray } from 'drizzle-orm';
import { sectionLabel } from '$lib/cases/access-labels';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { referral } from './cases.referrals.table';
import { registerExportPart } from './rights/export-parts';
import { registerErasureStep } from './rights/erasure-steps';

// Referrals in the person's export (GDPR art. 15) and in their erasure (art. 17).

registerExportPart({
	key: 'referrals',
	title: 'pro.cases.rights.part.referrals',
	order: 40,
	async load(db, caseFileId, ctx) {
		const rows = await db.select().from(referral).where(eq(referral.caseFileId, caseFileId)).orderBy(asc(referral.sentAt));
		const ids = [...new Set(rows.flatMap((r) => [r.fromOrganisationId, r.toOrganisationId]))];
		const names = new Map(ids.length ? (await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, ids))).map((o) => [o.id, o.name]) : []);
		const t = ctx.t;
		return {
			data: rows.map((r) => ({
				id: r.id,
				from: { id: r.fromOrganisationId, name: names.get(r.fromOrganisationId) ?? null },
				to: { id: r.toOrganisationId, name: names.get(r.toOrganisationId) ?? null },
				toServiceId: r.toServiceId,
				purpose: r.purpose,
				sections: r.sections,
				message: r.message,
				status: r.status,
				sentAt: r.sentAt.toISOString(),
				respondedAt: r.respondedAt?.toISOString() ?? null,
				responseMessage: r.responseMessage,
				doneAt: r.doneAt?.toISOString() ?? null,
				closedAt: r.closedAt?.toISOString() ?? null
			})),
			blocks: rows.map((r) => ({
				kind: 'fields' as const,
				heading: `${names.get(r.fromOrganisationId) ?? ''} → ${names.get(r.toOrganisationId) ?? ''}`,
				fields: [
					{ label: t('pro.referrals.purposeLabel'), value: t(`needs.${r.purpose}`) },
					{ label: t('pro.cases.rights.field.sections'), value: r.sections.length ? r.sections.map((s) => sectionLabel(t, s)).join(', ') : null },
					{ label: t('pro.cases.rights.field.referralStatus'), value: t(`pro.referrals.status.${r.status}`) },
					{ label: t('pro.cases.rights.field.sentAt'), value: ctx.date(r.sentAt) },
					{ label: t('pro.cases.rights.field.message'), value: r.message || null },
					{ label: t('pro.cases.rights.field.response'), value: r.responseMessage || null }
				]
			}))
		};
	}
});

registerErasureStep({
	key: 'referrals',
	order: 40,
	/**
	 * The words exchanged about the person go; who referred to whom, when and with what outcome stay
	 * (counts). A referral still waiting is cancelled: nobody can accept it any more.
	 */
	async run(tx: Database, caseFileId: string) {
		const now = new Date();
		const cancelled = await tx
			.update(referral)
			.set({ status: 'cancelled', closedAt: now })
			.where(and(eq(referral.caseFileId, caseFileId), eq(referral.status, 'sent')))
			.returning({ id: referral.id });
		const rows = await tx.update(referral).set({ message: '', responseMessage: null, updatedAt: now }).where(eq(referral.caseFileId, caseFileId)).returning({ id: referral.id });
		return { stripped: rows.length, cancelled: cancelled.length };
	}
});
