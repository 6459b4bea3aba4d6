import { and, arrayContains, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { ConsentState } from '$lib/cases/consents';
import { recordAudit, type AuditEntry } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import type { ConsentForm } from './cases.consents.schemas';
import { brusselsDay } from './cases.dates';
import { referral } from './cases.referrals.table';
import { caseFile, caseGrant, consent } from './cases.table';

export type ChangeContext = { actorUserId: string | null; organisationId: string; ipHash?: string | null };
export type ConsentRow = typeof consent.$inferSelect;

/** A consent's state on a given day: revoked wins; then expired once its last valid day is past. */
export function consentState(c: Pick<ConsentRow, 'revokedAt' | 'expiresOn'>, today: string): ConsentState {
	if (c.revokedAt) return 'revoked';
	if (c.expiresOn !== null && c.expiresOn < today) return 'expired';
	return 'active';
}

/** SQL: the consents that hold on `today` (given, not revoked, not past their last valid day). */
export function activeConsentSql(today: string) {
	return and(isNull(consent.revokedAt), lte(consent.givenOn, today), sql`(${consent.expiresOn} is null or ${consent.expiresOn} >= ${today})`)!;
}

/** A change to a file: an audit row of the file's timeline (ids and codes only). */
export function fileEvent(fileId: string, action: string, ctx: ChangeContext, details: AuditEntry['details'] = {}): AuditEntry {
	return { actorUserId: ctx.actorUserId, organisationId: ctx.organisationId, action, subjectType: 'case_file', subjectId: fileId, section: null, ipHash: ctx.ipHash ?? null, details };
}

/** Worklists read `last_activity_at`: every change to a file moves it. */
export async function touchFiles(db: Database, fileIds: string[], now: Date): Promise<void> {
	if (fileIds.length) await db.update(caseFile).set({ lastActivityAt: now }).where(inArray(caseFile.id, [...new Set(fileIds)]));
}

/**
 * The person's consents: recorded per purpose by a worker of the owner organisation, revoked at
 * once with every grant they carried, and ended by their expiry (the hourly job records why).
 */
export function createConsents({ db }: { db: Database }) {
	/** A file's consents, newest first, with the names a worker needs to read them. */
	async function listForFile(fileId: string, now = new Date()) {
		const rows = await db
			.select({ c: consent, recordedByName: userAccount.name })
			.from(consent)
			.leftJoin(userAccount, eq(userAccount.id, consent.recordedBy))
			.where(eq(consent.caseFileId, fileId))
			.orderBy(desc(consent.createdAt));
		const orgIds = [...new Set(rows.flatMap((r) => r.c.organisationIds))];
		const names = new Map(orgIds.length ? (await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, orgIds))).map((o) => [o.id, o.name]) : []);
		const today = brusselsDay(now);
		return rows.map(({ c, recordedByName }) => ({
			id: c.id,
			purpose: c.purpose,
			organisations: c.organisationIds.map((id) => ({ id, name: names.get(id) ?? '' })),
			sections: c.sections,
			language: c.language,
			interpreter: c.interpreter,
			givenOn: c.givenOn,
			expiresOn: c.expiresOn,
			recordedBy: recordedByName ?? null,
			recordedAt: c.createdAt,
			revokedAt: c.revokedAt,
			state: consentState(c, today)
		}));
	}

	/** The organisations a consent may name: every organisation but the file's owner. */
	async function unknownOrganisations(ids: string[], ownerOrganisationId: string): Promise<boolean> {
		if (ids.length === 0) return false;
		const found = await db.select({ id: organisation.id }).from(organisation).where(and(inArray(organisation.id, ids), ne(organisation.id, ownerOrganisationId)));
		return found.length !== ids.length;
	}

	async function record(file: { id: string; ownerOrganisationId: string }, form: ConsentForm, ctx: ChangeContext & { actorUserId: string }, now = new Date()) {
		if (await unknownOrganisations(form.organisations, file.ownerOrganisationId)) return { ok: false as const, errors: { organisations: 'pro.errors.consent.unknownOrganisation' } };
		const id = await db.transaction(async (tx) => {
			const t = tx as unknown as Database;
			const [row] = await t
				.insert(consent)
				.values({
					caseFileId: file.id,
					purpose: form.purpose,
					organisationIds: form.organisations,
					sections: form.sections,
					language: form.language,
					interpreter: form.interpreter,
					givenOn: form.givenOn,
					expiresOn: form.expiresOn,
					recordedBy: ctx.actorUserId
				})
				.returning({ id: consent.id });
			await touchFiles(t, [file.id], now);
			await recordAudit(t, fileEvent(file.id, 'consent.recorded', ctx, { consent: row!.id, purpose: form.purpose, organisations: form.organisations.length, sections: form.sections.join(','), language: form.language, interpreter: form.interpreter, expiresOn: form.expiresOn }));
			return row!.id;
		});
		return { ok: true as const, id };
	}

	/**
	 * Revokes a consent, and in the same transaction every grant it carried (the organisations lose
	 * access at once) and every referral still waiting under it. Revoking twice changes nothing.
	 */
	async function revoke(fileId: string, consentId: string, ctx: ChangeContext & { actorUserId: string }, now = new Date()) {
		return db.transaction(async (tx) => {
			const t = tx as unknown as Database;
			const [revoked] = await t
				.update(consent)
				.set({ revokedAt: now, revokedBy: ctx.actorUserId, updatedAt: now })
				.where(and(eq(consent.id, consentId), eq(consent.caseFileId, fileId), isNull(consent.revokedAt)))
				.returning({ id: consent.id });
			if (!revoked) return { ok: false as const };
			const ended = await endGrantsAndReferrals(t, [consentId], 'consent_revoked', now);
			await touchFiles(t, [fileId], now);
			await recordAudit(
				t,
				fileEvent(fileId, 'consent.revoked', ctx, { consent: consentId, grants: ended.grants.length, referrals: ended.referrals.length }),
				...ended.grants.map((g) => fileEvent(fileId, 'case_grant.revoked', ctx, { grant: g.id, organisation: g.organisationId, reason: 'consent_revoked' })),
				...ended.referrals.map((r) => fileEvent(fileId, 'referral.cancelled', ctx, { referral: r.id, organisation: r.toOrganisationId, reason: 'consent_revoked' }))
			);
			return { ok: true as const, grants: ended.grants.length, referrals: ended.referrals.length };
		});
	}

	/**
	 * The hourly job's part for consents: grants carried by consents past their last valid day are
	 * marked ended ('consent_expired'; their own expiry already stopped them) and referrals still
	 * waiting under them are cancelled. Claimed by the UPDATEs: another process finds nothing left.
	 */
	async function endLapsed(now = new Date()) {
		const today = brusselsDay(now);
		return db.transaction(async (tx) => {
			const t = tx as unknown as Database;
			const lapsed = await t
				.select({ id: consent.id })
				.from(consent)
				.where(and(isNull(consent.revokedAt), isNotNull(consent.expiresOn), lt(consent.expiresOn, today), sql`(exists (select 1 from ${caseGrant} where ${caseGrant.consentId} = ${consent.id} and ${caseGrant.revokedAt} is null) or exists (select 1 from ${referral} where ${referral.consentId} = ${consent.id} and ${referral.status} = 'sent'))`));
			if (lapsed.length === 0) return { grants: 0, referrals: 0 };
			const ended = await endGrantsAndReferrals(t, lapsed.map((c) => c.id), 'consent_expired', now);
			const ctxOf = (orgId: string): ChangeContext => ({ actorUserId: null, organisationId: orgId });
			await touchFiles(t, [...ended.grants.map((g) => g.caseFileId), ...ended.referrals.map((r) => r.caseFileId)], now);
			await recordAudit(
				t,
				...ended.grants.map((g) => fileEvent(g.caseFileId, 'case_grant.revoked', ctxOf(g.organisationId), { grant: g.id, organisation: g.organisationId, reason: 'consent_expired' })),
				...ended.referrals.map((r) => fileEvent(r.caseFileId, 'referral.cancelled', ctxOf(r.fromOrganisationId), { referral: r.id, organisation: r.toOrganisationId, reason: 'consent_expired' }))
			);
			return { grants: ended.grants.length, referrals: ended.referrals.length };
		});
	}

	/** The organisations a consent may name: every one but the owner, by name. */
	async function organisationsBesides(ownerOrganisationId: string) {
		return db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(ne(organisation.id, ownerOrganisationId)).orderBy(asc(sql`lower(${organisation.name})`));
	}

	return { listForFile, organisationsBesides, record, revoke, endLapsed };
}

/** Ends the grants of these consents and cancels the referrals still waiting under them. */
async function endGrantsAndReferrals(t: Database, consentIds: string[], reason: 'consent_revoked' | 'consent_expired', now: Date) {
	const grants = await t
		.update(caseGrant)
		.set({ revokedAt: now, revokedReason: reason })
		.where(and(inArray(caseGrant.consentId, consentIds), isNull(caseGrant.revokedAt)))
		.returning({ id: caseGrant.id, organisationId: caseGrant.organisationId, caseFileId: caseGrant.caseFileId });
	const referrals = await t
		.update(referral)
		.set({ status: 'cancelled', closedAt: now, updatedAt: now })
		.where(and(inArray(referral.consentId, consentIds), eq(referral.status, 'sent')))
		.returning({ id: referral.id, toOrganisationId: referral.toOrganisationId, fromOrganisationId: referral.fromOrganisationId, caseFileId: referral.caseFileId });
	return { grants, referrals };
}

/**
 * The consent a referral relies on: purpose referral, of this file, holding today, naming the
 * receiving organisation and covering every section asked. Null when there is none; `namesTarget`
 * says whether some active referral consent at least names the organisation (then only the
 * sections are missing), for the error the worker reads.
 */
export async function referralConsentFor(db: Database, fileId: string, toOrganisationId: string, sections: string[], now: Date, { lock = false } = {}) {
	const today = brusselsDay(now);
	const query = db
		.select()
		.from(consent)
		.where(and(eq(consent.caseFileId, fileId), eq(consent.purpose, 'referral'), activeConsentSql(today), arrayContains(consent.organisationIds, [toOrganisationId])))
		.orderBy(desc(consent.expiresOn));
	const naming = lock ? await query.for('share') : await query;
	const covering = naming.find((c) => sections.every((s) => c.sections.includes(s)));
	return { consent: covering ?? null, namesTarget: naming.length > 0 };
}

/** The consents holding today for a purpose (the referral form lists the organisations they name). */
export async function activeConsents(db: Database, fileId: string, purpose: string, now: Date) {
	return db
		.select()
		.from(consent)
		.where(and(eq(consent.caseFileId, fileId), eq(consent.purpose, purpose), activeConsentSql(brusselsDay(now))));
}
