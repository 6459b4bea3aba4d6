import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository';
import { randomToken, sha256 } from '../crypto/crypto';
import type { Database } from '../db/client';
import { serverTranslator } from '../i18n/server-translator';
import { membership, organisation, userAccount } from '../identity/identity.table';
import type { Mailer } from '../notify/mailer';
import { municipality } from '../territory/territory.table';
import { campaignOrganisation, freshnessReminder, verificationCampaign } from './campaign.table';
import { createDirectoryRepository } from './directory.repository';
import { service, serviceHistory, serviceReport } from './directory.table';
import { pick, type PublishedService } from './directory.types';
import { brusselsNow } from './hours';
import { isStale, STALE_MONTHS } from './staleness';

export { isStale, STALE_MONTHS };
import type { CampaignForm, CampaignMethod } from './campaign.schemas';


type Tx = Database;
type Ctx = { actorUserId: string | null; ipHash: string | null };
export type OrganisationStatus = 'to_do' | 'started' | 'done';

const MONTH_MS = 30 * 86_400_000;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export type CampaignDeps = { db: Database; mailer: Mailer; origin: string };

/**
 * Campaigns: targeting, e-mails with a link per organisation, confirmations and corrections
 * through the link or the pro space, phone and visit updates, reminders, and the freshness counts.
 *
 * Who receives a campaign e-mail: the organisation's contact address when it has one (in the
 * language of its first admin, French otherwise); else each of its admins, each in their own
 * language. An organisation with neither is listed as unreachable by e-mail (phone or visit).
 */
export function createCampaigns({ db, mailer, origin }: CampaignDeps) {
	const repo = createDirectoryRepository({ db });

	async function create(form: CampaignForm, ctx: Ctx & { actorUserId: string }): Promise<string> {
		return db.transaction(async (tx) => {
			const [row] = await tx
				.insert(verificationCampaign)
				.values({ name: form.name, startsOn: form.startsOn, endsOn: form.endsOn, nisCodes: form.nisCodes, organisationKinds: form.organisationKinds, sections: form.sections, reminderDays: form.reminderDays, createdBy: ctx.actorUserId })
				.returning({ id: verificationCampaign.id });
			await recordAudit(tx as unknown as Database, { actorUserId: ctx.actorUserId, action: 'directory.campaign.created', subjectType: 'verification_campaign', subjectId: row!.id, ipHash: ctx.ipHash });
			return row!.id;
		});
	}

	async function byId(id: string) {
		if (!z.uuid().safeParse(id).success) return null;
		const [row] = await db.select().from(verificationCampaign).where(eq(verificationCampaign.id, id));
		return row ?? null;
	}

	async function list() {
		const rows = await db.select().from(verificationCampaign).orderBy(desc(verificationCampaign.createdAt));
		const counts = rows.length
			? await db
					.select({ id: campaignOrganisation.campaignId, status: campaignOrganisation.status, n: sql<number>`count(*)::int` })
					.from(campaignOrganisation)
					.where(inArray(campaignOrganisation.campaignId, rows.map((r) => r.id)))
					.groupBy(campaignOrganisation.campaignId, campaignOrganisation.status)
			: [];
		return rows.map((r) => {
			const of = (s: string) => counts.find((c) => c.id === r.id && c.status === s)?.n ?? 0;
			return { ...r, counts: { to_do: of('to_do'), started: of('started'), done: of('done') } };
		});
	}

	/** Organisations a campaign targets: in its municipalities and kinds, with at least one published service. */
	async function targets(c: { nisCodes: string[]; organisationKinds: string[] }) {
		const where: SQL[] = [sql`exists (select 1 from ${service} where ${service.organisationId} = ${organisation.id} and ${service.published} is not null)`];
		if (c.nisCodes.length) where.push(inArray(organisation.nisCode, c.nisCodes));
		if (c.organisationKinds.length) where.push(inArray(organisation.kind, c.organisationKinds));
		return db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(and(...where)).orderBy(asc(organisation.name));
	}

	/** The organisations of a campaign with their progress, for the editors' page. */
	async function organisationsOf(campaignId: string) {
		const rows = await db
			.select({ row: campaignOrganisation, name: organisation.name, kind: organisation.kind, email: organisation.email, municipality: municipality.nameFr })
			.from(campaignOrganisation)
			.innerJoin(organisation, eq(organisation.id, campaignOrganisation.organisationId))
			.innerJoin(municipality, eq(municipality.nisCode, organisation.nisCode))
			.where(eq(campaignOrganisation.campaignId, campaignId))
			.orderBy(asc(organisation.name));
		const admins = rows.length
			? await db
					.select({ organisationId: membership.organisationId })
					.from(membership)
					.innerJoin(userAccount, eq(userAccount.id, membership.userId))
					.where(and(inArray(membership.organisationId, rows.map((r) => r.row.organisationId)), eq(membership.role, 'admin'), isNull(userAccount.disabledAt)))
			: [];
		return rows.map(({ row, name, kind, email, municipality }) => ({
			organisationId: row.organisationId,
			name,
			kind,
			municipality,
			status: row.status as OrganisationStatus,
			method: row.method,
			sentCount: row.sentCount,
			lastSentAt: row.lastSentAt,
			reminderCount: row.reminderCount,
			completedAt: row.completedAt,
			reachable: Boolean(email) || admins.some((a) => a.organisationId === row.organisationId)
		}));
	}

	/** Where an organisation's e-mails go, and in which language (see the note above). */
	async function recipients(organisationId: string): Promise<{ to: string; locale: string }[]> {
		const [org] = await db.select({ email: organisation.email }).from(organisation).where(eq(organisation.id, organisationId));
		const admins = await db
			.select({ email: userAccount.email, locale: userAccount.locale })
			.from(membership)
			.innerJoin(userAccount, eq(userAccount.id, membership.userId))
			.where(and(eq(membership.organisationId, organisationId), eq(membership.role, 'admin'), isNull(userAccount.disabledAt)))
			.orderBy(asc(membership.createdAt));
		if (org?.email) return [{ to: org.email, locale: admins[0]?.locale ?? 'fr' }];
		return admins.map((a) => ({ to: a.email, locale: a.locale }));
	}

	/** The organisation's published services, names in `locale` (French when missing). */
	async function publishedServices(organisationId: string, locale: string) {
		const rows = await db
			.select({ id: service.id, published: service.published, lastVerifiedAt: service.lastVerifiedAt })
			.from(service)
			.where(and(eq(service.organisationId, organisationId), isNotNull(service.published)))
			.orderBy(asc(service.createdAt));
		return rows.map((r) => {
			const p = r.published as PublishedService;
			const name = pick(p.name, locale);
			return { id: r.id, name: name?.text ?? '', lang: name?.lang ?? 'fr', lastVerifiedAt: r.lastVerifiedAt };
		});
	}

	const dateIn = (locale: string, date: string) => new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

	/** Writes one campaign e-mail (first or reminder) to each recipient, with the organisation's new link. */
	async function mailLink(c: typeof verificationCampaign.$inferSelect, organisationId: string, token: string, kind: 'first' | 'reminder') {
		const [org] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, organisationId));
		for (const r of await recipients(organisationId)) {
			const t = serverTranslator(r.locale);
			const services = (await publishedServices(organisationId, r.locale)).map((s) => `- ${s.name}`).join('\n');
			const values = {
				organisation: org!.name,
				campaign: c.name,
				services,
				sections: c.sections.map((s) => t(`pro.campaigns.section.${s}`)).join(', '),
				link: `${origin}/${r.locale}/verification/${token}`,
				end: dateIn(r.locale, c.endsOn)
			};
			await mailer.send({
				to: r.to,
				locale: r.locale,
				kind: kind === 'first' ? 'campaign' : 'campaign-reminder',
				subject: t(kind === 'first' ? 'mail.campaign.subject' : 'mail.campaignReminder.subject', values),
				text: t(kind === 'first' ? 'mail.campaign.body' : 'mail.campaignReminder.body', values)
			});
		}
	}

	/** Starts a draft campaign: its targeted organisations are listed, then e-mailed. */
	async function launch(campaignId: string, ctx: Ctx & { actorUserId: string }, now = new Date()): Promise<{ organisations: number; sent: number }> {
		const c = await byId(campaignId);
		if (!c || c.status !== 'draft') return { organisations: 0, sent: 0 };
		const orgs = await targets(c);
		const started = await db.transaction(async (tx) => {
			const [claimed] = await tx
				.update(verificationCampaign)
				.set({ status: 'running', launchedAt: now })
				.where(and(eq(verificationCampaign.id, campaignId), eq(verificationCampaign.status, 'draft')))
				.returning({ id: verificationCampaign.id });
			if (!claimed) return false;
			if (orgs.length) await tx.insert(campaignOrganisation).values(orgs.map((o) => ({ campaignId, organisationId: o.id }))).onConflictDoNothing();
			await recordAudit(tx as unknown as Database, { actorUserId: ctx.actorUserId, action: 'directory.campaign.launched', subjectType: 'verification_campaign', subjectId: campaignId, ipHash: ctx.ipHash, details: { organisations: orgs.length } });
			return true;
		});
		if (!started) return { organisations: 0, sent: 0 };
		const sent = await sendPending(campaignId, ctx, now);
		return { organisations: orgs.length, sent };
	}

	/** E-mails every organisation of a running campaign that was not reached yet. */
	async function sendPending(campaignId: string, ctx: Ctx, now = new Date()): Promise<number> {
		const rows = await db
			.select({ organisationId: campaignOrganisation.organisationId })
			.from(campaignOrganisation)
			.where(and(eq(campaignOrganisation.campaignId, campaignId), eq(campaignOrganisation.sentCount, 0), ne(campaignOrganisation.status, 'done')));
		let sent = 0;
		for (const r of rows) if (await send(campaignId, r.organisationId, ctx, now)) sent++;
		return sent;
	}

	/**
	 * Sends (or sends again) an organisation its campaign e-mail with a new link; the previous
	 * link stops working. Returns false when the campaign is not running or nobody can receive it.
	 */
	async function send(campaignId: string, organisationId: string, ctx: Ctx, now = new Date()): Promise<boolean> {
		const c = await byId(campaignId);
		if (!c || c.status !== 'running' || !(await recipients(organisationId)).length) return false;
		const token = randomToken();
		const [row] = await db
			.update(campaignOrganisation)
			.set({ tokenHash: sha256(token), firstSentAt: sql`coalesce(${campaignOrganisation.firstSentAt}, ${ts(now)})`, lastSentAt: now, sentCount: sql`${campaignOrganisation.sentCount} + 1` })
			.where(and(eq(campaignOrganisation.campaignId, campaignId), eq(campaignOrganisation.organisationId, organisationId)))
			.returning({ n: campaignOrganisation.sentCount });
		if (!row) return false;
		await mailLink(c, organisationId, token, 'first');
		await recordAudit(db, { actorUserId: ctx.actorUserId, organisationId, action: 'directory.campaign.mailed', subjectType: 'verification_campaign', subjectId: campaignId, ipHash: ctx.ipHash, details: { count: row.n } });
		return true;
	}

	async function close(campaignId: string, ctx: Ctx & { actorUserId: string }, now = new Date()) {
		const done = await db
			.update(verificationCampaign)
			.set({ status: 'closed', closedAt: now })
			.where(and(eq(verificationCampaign.id, campaignId), eq(verificationCampaign.status, 'running')))
			.returning({ id: verificationCampaign.id });
		// Links end with the campaign.
		if (done.length) {
			await db.update(campaignOrganisation).set({ tokenHash: null }).where(eq(campaignOrganisation.campaignId, campaignId));
			await recordAudit(db, { actorUserId: ctx.actorUserId, action: 'directory.campaign.closed', subjectType: 'verification_campaign', subjectId: campaignId, ipHash: ctx.ipHash });
		}
		return done.length > 0;
	}

	/**
	 * A running campaign not past its last day (Brussels): links work from the e-mail (sent at
	 * launch, possibly before the first day) until the end of the last day.
	 */
	const isOpen = (c: typeof verificationCampaign.$inferSelect, now: Date) => c.status === 'running' && brusselsNow(now).date <= c.endsOn;

	/** What a campaign link opens: the campaign, the organisation and its published services. */
	async function findLink(token: string, locale: string, now = new Date()) {
		if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { status: 'invalid' as const };
		const [found] = await db
			.select({ row: campaignOrganisation, c: verificationCampaign, orgName: organisation.name })
			.from(campaignOrganisation)
			.innerJoin(verificationCampaign, eq(verificationCampaign.id, campaignOrganisation.campaignId))
			.innerJoin(organisation, eq(organisation.id, campaignOrganisation.organisationId))
			.where(eq(campaignOrganisation.tokenHash, sha256(token)));
		if (!found) return { status: 'invalid' as const };
		if (!isOpen(found.c, now)) return { status: 'expired' as const };
		return {
			status: 'valid' as const,
			campaign: { id: found.c.id, name: found.c.name, endsOn: found.c.endsOn, sections: found.c.sections },
			organisation: { id: found.row.organisationId, name: found.orgName },
			state: found.row.status as OrganisationStatus,
			handled: found.row.handledServices,
			services: await publishedServices(found.row.organisationId, locale)
		};
	}

	/** The running campaign an organisation takes part in, if any (for members in the pro space). */
	async function currentFor(organisationId: string, now = new Date()) {
		const rows = await db
			.select({ row: campaignOrganisation, c: verificationCampaign })
			.from(campaignOrganisation)
			.innerJoin(verificationCampaign, eq(verificationCampaign.id, campaignOrganisation.campaignId))
			.where(and(eq(campaignOrganisation.organisationId, organisationId), eq(verificationCampaign.status, 'running')))
			.orderBy(desc(verificationCampaign.launchedAt));
		const open = rows.find((r) => isOpen(r.c, now));
		return open ? { id: open.c.id, name: open.c.name, endsOn: open.c.endsOn, sections: open.c.sections, state: open.row.status as OrganisationStatus, handled: open.row.handledServices } : null;
	}

	/** Marks a service verified now, with history (method and campaign) and audit. */
	async function verifyService(tx: Tx, serviceId: string, organisationId: string, method: CampaignMethod, campaign: { id: string; name: string } | null, ctx: Ctx, now: Date) {
		const [current] = await tx.select({ published: service.published }).from(service).where(and(eq(service.id, serviceId), eq(service.organisationId, organisationId)));
		if (!current?.published) return false;
		const published = current.published as PublishedService;
		await tx
			.update(service)
			.set({ lastVerifiedAt: now, lastVerifiedBy: ctx.actorUserId, published: { ...published, lastVerifiedAt: now.toISOString() } })
			.where(eq(service.id, serviceId));
		await tx.insert(serviceHistory).values({ serviceId, actorUserId: ctx.actorUserId, action: 'verified', comment: campaign ? `${campaign.name} · ${method}` : method, at: now });
		await recordAudit(tx, {
			actorUserId: ctx.actorUserId,
			organisationId,
			action: 'directory.service.verified',
			subjectType: 'service',
			subjectId: serviceId,
			ipHash: ctx.ipHash,
			details: { method, campaign: campaign?.id ?? null }
		});
		return true;
	}

	/** After a confirmation or correction: started, or done once every published service was handled. */
	async function progress(tx: Tx, campaignId: string, organisationId: string, serviceId: string, method: CampaignMethod, ctx: Ctx, now: Date): Promise<OrganisationStatus> {
		const [row] = await tx
			.update(campaignOrganisation)
			.set({
				handledServices: sql`(select array_agg(distinct x) from unnest(array_append(${campaignOrganisation.handledServices}, ${serviceId}::uuid)) as x)`,
				method,
				status: sql`case when ${campaignOrganisation.status} = 'done' then 'done' else 'started' end`
			})
			.where(and(eq(campaignOrganisation.campaignId, campaignId), eq(campaignOrganisation.organisationId, organisationId)))
			.returning();
		if (!row) return 'to_do';
		const published = await tx.select({ id: service.id }).from(service).where(and(eq(service.organisationId, organisationId), isNotNull(service.published)));
		if (row.status !== 'done' && published.every((p) => row.handledServices.includes(p.id))) {
			await tx
				.update(campaignOrganisation)
				.set({ status: 'done', completedAt: now, completedBy: ctx.actorUserId })
				.where(and(eq(campaignOrganisation.campaignId, campaignId), eq(campaignOrganisation.organisationId, organisationId)));
			await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId, action: 'directory.campaign.done', subjectType: 'verification_campaign', subjectId: campaignId, ipHash: ctx.ipHash, details: { method } });
			return 'done';
		}
		return row.status as OrganisationStatus;
	}

	/**
	 * "Still correct" or "needs a change" for one service, through a campaign (link or pro space)
	 * or without one (pro space between campaigns). A correction goes to the directory editors
	 * as an error report naming the campaign; it does not mark the service verified.
	 */
	async function answer(
		input: { organisationId: string; serviceId: string; campaign: { id: string; name: string } | null; method: CampaignMethod; correction: string | null; locale: string },
		ctx: Ctx,
		now = new Date()
	): Promise<{ ok: true; state: OrganisationStatus | null } | { ok: false }> {
		const result = await db.transaction(async (t) => {
			const tx = t as unknown as Database;
			if (input.correction === null) {
				if (!(await verifyService(tx, input.serviceId, input.organisationId, input.method, input.campaign, ctx, now))) return null;
			} else {
				const [owned] = await tx.select({ id: service.id }).from(service).where(and(eq(service.id, input.serviceId), eq(service.organisationId, input.organisationId), isNotNull(service.published)));
				if (!owned) return null;
				const prefix = input.campaign ? `[${input.campaign.name}] ` : '';
				await tx.insert(serviceReport).values({ serviceId: input.serviceId, topic: 'other', message: `${prefix}${input.correction}`, locale: input.locale });
				await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId: input.organisationId, action: 'directory.service.correctionSent', subjectType: 'service', subjectId: input.serviceId, ipHash: ctx.ipHash, details: { method: input.method, campaign: input.campaign?.id ?? null } });
			}
			return input.campaign ? await progress(tx, input.campaign.id, input.organisationId, input.serviceId, input.method, ctx, now) : ('none' as const);
		});
		if (result === null) return { ok: false };
		if (input.correction === null) await repo.bumpVersion();
		return { ok: true, state: result === 'none' ? null : result };
	}

	/** A directory editor records an update obtained by phone or visit: every published service verified, organisation done. */
	async function recordUpdate(campaignId: string, organisationId: string, method: 'phone' | 'visit', ctx: Ctx & { actorUserId: string }, now = new Date()) {
		const c = await byId(campaignId);
		if (!c || c.status !== 'running') return false;
		const done = await db.transaction(async (t) => {
			const tx = t as unknown as Database;
			const [row] = await tx
				.update(campaignOrganisation)
				.set({ status: 'done', method, completedAt: now, completedBy: ctx.actorUserId })
				.where(and(eq(campaignOrganisation.campaignId, campaignId), eq(campaignOrganisation.organisationId, organisationId)))
				.returning();
			if (!row) return false;
			const published = await tx.select({ id: service.id }).from(service).where(and(eq(service.organisationId, organisationId), isNotNull(service.published)));
			for (const p of published) await verifyService(tx, p.id, organisationId, method, { id: c.id, name: c.name }, ctx, now);
			await tx.update(campaignOrganisation).set({ handledServices: published.map((p) => p.id) }).where(and(eq(campaignOrganisation.campaignId, campaignId), eq(campaignOrganisation.organisationId, organisationId)));
			await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId, action: 'directory.campaign.done', subjectType: 'verification_campaign', subjectId: campaignId, ipHash: ctx.ipHash, details: { method } });
			return true;
		});
		if (done) await repo.bumpVersion();
		return done;
	}

	/**
	 * Reminders, called every hour by each process (and by tests with their own `now`):
	 * - in a running campaign, an organisation not done is reminded at each configured interval
	 *   after its first e-mail, once per interval: the row is claimed (reminder_count moves on in
	 *   one UPDATE … WHERE reminder_count = seen) before anything is sent, so two processes
	 *   never send the same reminder;
	 * - between campaigns, an organisation with a published service whose last check (or
	 *   publication) is older than the service's update frequency is reminded at most once a
	 *   month (freshness_reminder claimed the same way).
	 */
	async function sendDueReminders(now = new Date()): Promise<{ campaign: number; freshness: number }> {
		let campaignCount = 0;
		const running = await db.select().from(verificationCampaign).where(eq(verificationCampaign.status, 'running'));
		for (const c of running.filter((x) => isOpen(x, now) && x.reminderDays.length)) {
			const rows = await db
				.select()
				.from(campaignOrganisation)
				.where(and(eq(campaignOrganisation.campaignId, c.id), ne(campaignOrganisation.status, 'done'), isNotNull(campaignOrganisation.firstSentAt)));
			for (const row of rows) {
				const due = c.reminderDays.filter((d) => row.firstSentAt!.getTime() + d * 86_400_000 <= now.getTime()).length;
				if (due <= row.reminderCount) continue;
				const token = randomToken();
				const [claimed] = await db
					.update(campaignOrganisation)
					.set({ reminderCount: due, remindedAt: now, tokenHash: sha256(token), lastSentAt: now })
					.where(and(eq(campaignOrganisation.campaignId, c.id), eq(campaignOrganisation.organisationId, row.organisationId), eq(campaignOrganisation.reminderCount, row.reminderCount), ne(campaignOrganisation.status, 'done')))
					.returning({ id: campaignOrganisation.organisationId });
				if (!claimed) continue;
				await mailLink(c, row.organisationId, token, 'reminder');
				await recordAudit(db, { actorUserId: null, organisationId: row.organisationId, action: 'directory.campaign.reminded', subjectType: 'verification_campaign', subjectId: c.id, details: { reminder: due } });
				campaignCount++;
			}
		}

		// Between campaigns: services past their update frequency.
		const inCampaign = running.filter((x) => isOpen(x, now)).map((x) => x.id);
		const overdue = await db
			.selectDistinct({ organisationId: service.organisationId })
			.from(service)
			.where(
				and(
					isNotNull(service.published),
					sql`coalesce(${service.lastVerifiedAt}, ${service.publishedAt}) + make_interval(months => ${service.updateFrequencyMonths}::int) <= ${ts(now)}`,
					inCampaign.length
						? sql`not exists (select 1 from ${campaignOrganisation} where ${campaignOrganisation.organisationId} = ${service.organisationId} and ${inArray(campaignOrganisation.campaignId, inCampaign)} and ${campaignOrganisation.status} <> 'done')`
						: undefined
				)
			);
		let freshness = 0;
		const monthAgo = new Date(now.getTime() - MONTH_MS);
		for (const { organisationId } of overdue) {
			const to = await recipients(organisationId);
			if (!to.length) continue;
			const [claimed] = await db
				.insert(freshnessReminder)
				.values({ organisationId, sentAt: now })
				.onConflictDoUpdate({ target: freshnessReminder.organisationId, set: { sentAt: now }, setWhere: sql`${freshnessReminder.sentAt} <= ${ts(monthAgo)}` })
				.returning({ id: freshnessReminder.organisationId });
			if (!claimed) continue;
			const [org] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, organisationId));
			const stale = await db
				.select({ id: service.id })
				.from(service)
				.where(and(eq(service.organisationId, organisationId), isNotNull(service.published), sql`coalesce(${service.lastVerifiedAt}, ${service.publishedAt}) + make_interval(months => ${service.updateFrequencyMonths}::int) <= ${ts(now)}`));
			for (const r of to) {
				const t = serverTranslator(r.locale);
				const names = (await publishedServices(organisationId, r.locale)).filter((s) => stale.some((x) => x.id === s.id));
				await mailer.send({
					to: r.to,
					locale: r.locale,
					kind: 'freshness-reminder',
					subject: t('mail.freshness.subject', { organisation: org!.name }),
					text: t('mail.freshness.body', { organisation: org!.name, services: names.map((s) => `- ${s.name}`).join('\n'), link: `${origin}/${r.locale}/pro/organisations/${organisationId}/verification` })
				});
			}
			await recordAudit(db, { actorUserId: null, organisationId, action: 'directory.freshness.reminded', subjectType: 'organisation', subjectId: organisationId, details: { services: stale.length } });
			freshness++;
		}
		return { campaign: campaignCount, freshness };
	}

	return { create, byId, list, targets, organisationsOf, recipients, publishedServices, launch, sendPending, send, close, findLink, currentFor, answer, recordUpdate, sendDueReminders };
}

export type Campaigns = ReturnType<typeof createCampaigns>;
