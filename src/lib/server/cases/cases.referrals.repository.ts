import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { service } from '../directory/directory.table';
import { pick, type Localised } from '../directory/directory.types';
import { organisation, userAccount } from '../identity/identity.table';
import { activeConsents } from './cases.consents.usecases';
import { referral } from './cases.referrals.table';
import { caseFile, caseGrant } from './cases.table';

const fromOrg = alias(organisation, 'from_org');
const toOrg = alias(organisation, 'to_org');
const sender = alias(userAccount, 'sender');
const responder = alias(userAccount, 'responder');

/** A published service's name in `locale` (French when missing). */
function serviceName(published: unknown, locale: string): string | null {
	const name = (published as { name?: Localised } | null)?.name;
	return name ? (pick(name, locale)?.text ?? null) : null;
}

const grantColumns = { grantExpiresAt: caseGrant.expiresAt, grantRevokedAt: caseGrant.revokedAt, grantRevokedReason: caseGrant.revokedReason };

export function createReferralsRepository({ db }: { db: Database }) {
	/** A file's referrals, newest first, as its owner sees them (outcomes and answers included). */
	async function listForFile(fileId: string, locale: string) {
		const rows = await db
			.select({
				r: referral,
				toName: toOrg.name,
				servicePublished: service.published,
				sentByName: sender.name,
				respondedByName: responder.name,
				...grantColumns
			})
			.from(referral)
			.innerJoin(toOrg, eq(toOrg.id, referral.toOrganisationId))
			.leftJoin(service, eq(service.id, referral.toServiceId))
			.leftJoin(sender, eq(sender.id, referral.sentBy))
			.leftJoin(responder, eq(responder.id, referral.respondedBy))
			.leftJoin(caseGrant, eq(caseGrant.id, referral.grantId))
			.where(eq(referral.caseFileId, fileId))
			.orderBy(desc(referral.sentAt));
		return rows.map(({ servicePublished, ...row }) => ({ ...row, serviceName: serviceName(servicePublished, locale) }));
	}

	/**
	 * Referrals sent to these organisations: waiting ones first (oldest first), then the last 100
	 * answered. The file's name columns are read here; the presenter keeps them only where allowed.
	 */
	async function inbox(organisationIds: string[], locale: string) {
		if (organisationIds.length === 0) return [];
		const columns = {
			r: referral,
			fromName: fromOrg.name,
			toName: toOrg.name,
			servicePublished: service.published,
			firstName: caseFile.firstName,
			lastName: caseFile.lastName,
			fileStatus: caseFile.status,
			...grantColumns
		};
		const base = () =>
			db
				.select(columns)
				.from(referral)
				.innerJoin(fromOrg, eq(fromOrg.id, referral.fromOrganisationId))
				.innerJoin(toOrg, eq(toOrg.id, referral.toOrganisationId))
				.innerJoin(caseFile, eq(caseFile.id, referral.caseFileId))
				.leftJoin(service, eq(service.id, referral.toServiceId))
				.leftJoin(caseGrant, eq(caseGrant.id, referral.grantId));
		const waiting = await base()
			.where(and(inArray(referral.toOrganisationId, organisationIds), eq(referral.status, 'sent')))
			.orderBy(asc(referral.sentAt))
			.limit(500);
		const answered = await base()
			.where(and(inArray(referral.toOrganisationId, organisationIds), ne(referral.status, 'sent')))
			.orderBy(desc(referral.updatedAt))
			.limit(100);
		return [...waiting, ...answered].map(({ servicePublished, ...row }) => ({ ...row, serviceName: serviceName(servicePublished, locale) }));
	}

	/** What the policy needs to decide an answer: the receiving organisation. */
	async function subject(referralId: string) {
		const [r] = await db.select({ id: referral.id, toOrganisationId: referral.toOrganisationId, status: referral.status }).from(referral).where(eq(referral.id, referralId));
		return r ?? null;
	}

	/**
	 * What the referral form offers: every other organisation (those named by an active referral
	 * consent first, with the sections it covers), and the published services of the named ones.
	 */
	async function targets(file: { id: string; ownerOrganisationId: string }, locale: string, now = new Date()) {
		const consents = await activeConsents(db, file.id, 'referral', now);
		const covered = new Map<string, Set<string>>();
		for (const c of consents) for (const o of c.organisationIds) for (const s of c.sections) (covered.get(o) ?? covered.set(o, new Set()).get(o)!).add(s);
		const organisations = await db
			.select({ id: organisation.id, name: organisation.name })
			.from(organisation)
			.where(ne(organisation.id, file.ownerOrganisationId))
			.orderBy(asc(sql`lower(${organisation.name})`));
		const named = [...covered.keys()];
		const services = named.length
			? await db
					.select({ id: service.id, organisationId: service.organisationId, published: service.published })
					.from(service)
					.where(and(inArray(service.organisationId, named), isNotNull(service.published)))
			: [];
		const collator = new Intl.Collator(locale);
		return {
			organisations: organisations.map((o) => ({ ...o, consented: covered.has(o.id), sections: [...(covered.get(o.id) ?? [])] })),
			services: services
				.map((s) => ({ id: s.id, organisationId: s.organisationId, name: serviceName(s.published, locale) ?? '' }))
				.sort((a, b) => collator.compare(a.name, b.name))
		};
	}

	return { listForFile, inbox, subject, targets };
}

export type ReferralsRepository = ReturnType<typeof createReferralsRepository>;
export type InboxRow = Awaited<ReturnType<ReferralsRepository['inbox']>>[number];
export type FileReferralRow = Awaited<ReturnType<ReferralsRepository['listForFile']>>[number];
