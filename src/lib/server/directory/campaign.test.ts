import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { createMailer } from '../notify/mailer';
import { startSmtpReceiver } from '../notify/smtp-receiver';
import { campaignOrganisation } from './campaign.table';
import { campaignFormSchema } from './campaign.schemas';
import { createCampaigns, isStale } from './campaign.usecases';
import { freshness } from './freshness';
import { createDirectoryRepository } from './directory.repository';
import { service, serviceHistory, serviceReport, translation } from './directory.table';

let handle: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let campaigns: ReturnType<typeof createCampaigns>;
const ids = { seraing: '', herstal: '', huy: '', silent: '', editor: '', svcA1: '', svcA2: '', svcB: '', svcC: '' };
const day = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00Z');
const ctx = () => ({ actorUserId: ids.editor, ipHash: 'ip-test' });
const tokenIn = (text: string) => /https:\/\/passerelle\.test\/[a-z]{2}\/verification\/(\S+)/.exec(text)![1]!;

async function publishedService(organisationId: string, name: string, publishedAt?: Date) {
	const db = handle.db;
	const [row] = await db.insert(service).values({ organisationId }).returning({ id: service.id });
	await db.insert(translation).values({ entityType: 'service', entityId: row!.id, field: 'name', locale: 'fr', text: name, status: 'source' });
	const snap = await createDirectoryRepository({ db }).publish(row!.id, null);
	if (publishedAt) await db.update(service).set({ publishedAt, published: { ...snap, publishedAt: publishedAt.toISOString() } }).where(eq(service.id, row!.id));
	return row!.id;
}

beforeAll(async () => {
	handle = await freshDatabase();
	smtp = await startSmtpReceiver();
	const mailer = createMailer({ db: handle.db, smtpUrl: smtp.url, from: 'Passerelle <no-reply@passerelle.test>' });
	campaigns = createCampaigns({ db: handle.db, mailer, origin: 'https://passerelle.test' });
	const repo = createIdentityRepository({ db: handle.db });
	ids.seraing = (await repo.organisations.create({ name: 'ILI Seraing', kind: 'ili', nisCode: '62096', email: 'contact@ili-seraing.test' })).id;
	ids.herstal = (await repo.organisations.create({ name: 'ILI Herstal', kind: 'ili', nisCode: '62051' })).id;
	ids.huy = (await repo.organisations.create({ name: 'CISP Huy', kind: 'cisp', nisCode: '61031' })).id;
	ids.silent = (await repo.organisations.create({ name: 'ILI sans service', kind: 'ili', nisCode: '62096' })).id;
	const nl = await repo.users.create({ email: 'beheer@ili-seraing.test', name: 'Ilse', locale: 'nl' });
	await repo.members.add(nl.id, ids.seraing, 'admin');
	const ar = await repo.users.create({ email: 'admin@ili-herstal.test', name: 'Hanna', locale: 'ar' });
	await repo.members.add(ar.id, ids.herstal, 'admin');
	const worker = await repo.users.create({ email: 'worker@ili-herstal.test', name: 'Walter', locale: 'fr' });
	await repo.members.add(worker.id, ids.herstal, 'worker');
	ids.editor = (await repo.users.create({ email: 'editor@cri.test', name: 'Eric', locale: 'fr', platformRoles: ['directory_editor'] })).id;
	ids.svcA1 = await publishedService(ids.seraing, 'Cours de français');
	ids.svcA2 = await publishedService(ids.seraing, 'Permanence sociale');
	ids.svcB = await publishedService(ids.herstal, 'Table de conversation');
	ids.svcC = await publishedService(ids.huy, 'Atelier emploi');
});
afterAll(async () => {
	await smtp?.close();
	await handle?.close();
});

describe('the campaign form', () => {
	it('refuses field by field and reads the reminder intervals', () => {
		const bad = campaignFormSchema.safeParse({ name: 'x', startsOn: '2026-02-30', endsOn: '2026-01-01', sections: [], reminderDays: '7, soon' });
		expect(bad.success).toBe(false);
		const fields = new Set(bad.error!.issues.map((i) => String(i.path[0])));
		expect(fields).toEqual(new Set(['name', 'startsOn', 'endsOn', 'sections', 'reminderDays']));
		const backwards = campaignFormSchema.safeParse({ name: 'Campagne', startsOn: '2026-03-01', endsOn: '2026-02-01', sections: ['hours'], reminderDays: '' });
		expect(backwards.error!.issues[0]).toMatchObject({ path: ['endsOn'], message: 'pro.errors.endBeforeStart' });
		const ok = campaignFormSchema.parse({ name: 'Campagne 2026', startsOn: '2026-03-01', endsOn: '2026-04-30', sections: ['hours'], reminderDays: '14, 7 7' });
		expect(ok.reminderDays).toEqual([7, 14]);
	});
});

describe('a verification campaign', () => {
	let campaignId = '';

	it('targets organisations by kind and municipality, only those with published services', async () => {
		expect((await campaigns.targets({ nisCodes: [], organisationKinds: ['ili'] })).map((o) => o.name)).toEqual(['ILI Herstal', 'ILI Seraing']);
		expect((await campaigns.targets({ nisCodes: ['62096', '61031'], organisationKinds: [] })).map((o) => o.name)).toEqual(['CISP Huy', 'ILI Seraing']);
		expect(await campaigns.targets({ nisCodes: ['61031'], organisationKinds: ['ili'] })).toEqual([]);
	});

	it('sends each organisation an e-mail in its language with its own link', async () => {
		campaignId = await campaigns.create(campaignFormSchema.parse({ name: 'Campagne 2026', startsOn: '2026-03-01', endsOn: '2026-04-30', organisationKinds: ['ili'], sections: ['hours', 'contact'], reminderDays: '7, 14' }), ctx());
		const result = await campaigns.launch(campaignId, ctx(), t0);
		expect(result).toEqual({ organisations: 2, sent: 2 });
		const mails = await smtp.waitFor(2);
		// Seraing has a contact address: one e-mail there, in its admin's language (Dutch).
		const seraing = mails.find((m) => m.to === 'contact@ili-seraing.test')!;
		expect(seraing.language).toBe('nl');
		expect(seraing.text).toContain('Cours de français');
		expect(seraing.text).toContain('https://passerelle.test/nl/verification/');
		// Herstal has none: its admin, in Arabic; the worker gets nothing.
		const herstal = mails.find((m) => m.to === 'admin@ili-herstal.test')!;
		expect(herstal.language).toBe('ar');
		expect(herstal.text).toContain('/ar/verification/');
		expect(mails.some((m) => m.to.includes('worker@'))).toBe(false);
		expect(tokenIn(seraing.text)).not.toBe(tokenIn(herstal.text));
		// Only the hash is kept.
		const rows = await handle.db.select().from(campaignOrganisation).where(eq(campaignOrganisation.campaignId, campaignId));
		expect(rows.every((r) => r.tokenHash && !seraing.text.includes(r.tokenHash))).toBe(true);
		expect(rows.map((r) => r.status)).toEqual(['to_do', 'to_do']);
		// Launching twice sends nothing more.
		expect(await campaigns.launch(campaignId, ctx(), t0)).toEqual({ organisations: 0, sent: 0 });
	});

	it('a confirmation through the link updates last_verified_at, the public snapshot and the history', async () => {
		const token = tokenIn(smtp.messages.find((m) => m.to === 'contact@ili-seraing.test')!.text);
		const now = new Date(t0.getTime() + day);
		const link = await campaigns.findLink(token, 'nl', now);
		expect(link.status).toBe('valid');
		if (link.status !== 'valid') return;
		expect(link.services.map((s) => s.name)).toEqual(['Cours de français', 'Permanence sociale']);
		const answer = await campaigns.answer({ organisationId: link.organisation.id, serviceId: ids.svcA1, campaign: link.campaign, method: 'email', correction: null, locale: 'nl' }, { actorUserId: null, ipHash: 'ip' }, now);
		expect(answer).toEqual({ ok: true, state: 'started' });
		const [row] = await handle.db.select().from(service).where(eq(service.id, ids.svcA1));
		expect(row!.lastVerifiedAt?.toISOString()).toBe(now.toISOString());
		expect(row!.lastVerifiedBy).toBeNull();
		expect((row!.published as { lastVerifiedAt: string }).lastVerifiedAt).toBe(now.toISOString());
		const [h] = await handle.db.select().from(serviceHistory).where(and(eq(serviceHistory.serviceId, ids.svcA1), eq(serviceHistory.action, 'verified')));
		expect(h!.comment).toBe('Campagne 2026 · email');
		// A service of another organisation cannot be confirmed through this link.
		expect(await campaigns.answer({ organisationId: link.organisation.id, serviceId: ids.svcB, campaign: link.campaign, method: 'email', correction: null, locale: 'nl' }, { actorUserId: null, ipHash: 'ip' }, now)).toEqual({ ok: false });
	});

	it('a correction reaches the editors, and the organisation is done once every service is answered', async () => {
		const token = tokenIn(smtp.messages.find((m) => m.to === 'contact@ili-seraing.test')!.text);
		const link = await campaigns.findLink(token, 'fr', new Date(t0.getTime() + day));
		if (link.status !== 'valid') throw new Error(link.status);
		const answer = await campaigns.answer({ organisationId: link.organisation.id, serviceId: ids.svcA2, campaign: link.campaign, method: 'email', correction: 'Nouvelle adresse : rue Neuve 4.', locale: 'fr' }, { actorUserId: null, ipHash: 'ip' });
		expect(answer).toEqual({ ok: true, state: 'done' });
		const [report] = await handle.db.select().from(serviceReport).where(eq(serviceReport.serviceId, ids.svcA2));
		expect(report).toMatchObject({ topic: 'other', message: '[Campagne 2026] Nouvelle adresse : rue Neuve 4.', status: 'open' });
		const orgs = await campaigns.organisationsOf(link.campaign.id);
		expect(orgs.find((o) => o.name === 'ILI Seraing')).toMatchObject({ status: 'done', method: 'email' });
	});

	it('an unknown token, or a link after the campaign’s end, is refused', async () => {
		expect((await campaigns.findLink('x'.repeat(43), 'fr')).status).toBe('invalid');
		const token = tokenIn(smtp.messages.find((m) => m.to === 'admin@ili-herstal.test')!.text);
		expect((await campaigns.findLink(token, 'fr', new Date('2026-05-01T12:00:00Z'))).status).toBe('expired');
	});

	it('reminds organisations not done at each interval, once, with a new link', async () => {
		const before = smtp.messages.length;
		// Day 3: nothing due.
		expect((await campaigns.sendDueReminders(new Date(t0.getTime() + 3 * day))).campaign).toBe(0);
		// Day 8: the first reminder, to Herstal only (Seraing is done); twice in a row (two processes) sends it once.
		const day8 = new Date(t0.getTime() + 8 * day);
		const [a, b] = await Promise.all([campaigns.sendDueReminders(day8), campaigns.sendDueReminders(day8)]);
		expect(a.campaign + b.campaign).toBe(1);
		expect((await campaigns.sendDueReminders(new Date(day8.getTime() + 3600_000))).campaign).toBe(0);
		const mails = await smtp.waitFor(before + 1);
		const reminder = mails.slice(before);
		expect(reminder.map((m) => m.to)).toEqual(['admin@ili-herstal.test']);
		expect(reminder[0]!.language).toBe('ar');
		// The new link works, the old one no longer does.
		const oldToken = tokenIn(mails.find((m) => m.to === 'admin@ili-herstal.test')!.text);
		expect((await campaigns.findLink(tokenIn(reminder[0]!.text), 'ar', day8)).status).toBe('valid');
		expect((await campaigns.findLink(oldToken, 'ar', day8)).status).toBe('invalid');
		// Day 15: the second; day 20: nothing more.
		expect((await campaigns.sendDueReminders(new Date(t0.getTime() + 15 * day))).campaign).toBe(1);
		expect((await campaigns.sendDueReminders(new Date(t0.getTime() + 20 * day))).campaign).toBe(0);
		const [row] = await handle.db.select().from(campaignOrganisation).where(and(eq(campaignOrganisation.campaignId, campaignId), eq(campaignOrganisation.organisationId, ids.herstal)));
		expect(row!.reminderCount).toBe(2);
	});

	it('a phone update marks the organisation done and its services verified by the editor', async () => {
		const now = new Date(t0.getTime() + 21 * day);
		expect(await campaigns.recordUpdate(campaignId, ids.herstal, 'phone', ctx(), now)).toBe(true);
		const [row] = await handle.db.select().from(service).where(eq(service.id, ids.svcB));
		expect(row!.lastVerifiedAt?.toISOString()).toBe(now.toISOString());
		expect(row!.lastVerifiedBy).toBe(ids.editor);
		const orgs = await campaigns.organisationsOf(campaignId);
		expect(orgs.find((o) => o.name === 'ILI Herstal')).toMatchObject({ status: 'done', method: 'phone' });
	});
});

describe('reminders between campaigns', () => {
	it('reminds an organisation whose service is past its update frequency, at most once a month', async () => {
		const db = handle.db;
		const orgId = (await createIdentityRepository({ db }).organisations.create({ name: 'CPAS Waremme', kind: 'cpas', nisCode: '64074', email: 'cpas@waremme.test' })).id;
		const svc = await publishedService(orgId, 'Aide sociale', new Date('2024-01-10T10:00:00Z'));
		await db.update(service).set({ lastVerifiedAt: new Date('2025-06-01T10:00:00Z'), updateFrequencyMonths: 6 }).where(eq(service.id, svc));
		const before = smtp.messages.length;
		// Five months after the check: not due.
		await campaigns.sendDueReminders(new Date('2025-11-01T10:00:00Z'));
		expect(smtp.messages.slice(before).some((m) => m.to === 'cpas@waremme.test')).toBe(false);
		// Seven months: due, once; a week later nothing; five weeks later again.
		await campaigns.sendDueReminders(new Date('2026-01-05T10:00:00Z'));
		await campaigns.sendDueReminders(new Date('2026-01-12T10:00:00Z'));
		await smtp.waitFor(before + 1);
		await new Promise((r) => setTimeout(r, 200));
		const first = smtp.messages.slice(before).filter((m) => m.to === 'cpas@waremme.test');
		expect(first).toHaveLength(1);
		expect(first[0]!.text).toContain('Aide sociale');
		expect(first[0]!.text).toContain(`/fr/pro/organisations/${orgId}/verification`);
		await campaigns.sendDueReminders(new Date('2026-02-10T10:00:00Z'));
		await smtp.waitFor(before + 2);
		expect(smtp.messages.slice(before).filter((m) => m.to === 'cpas@waremme.test')).toHaveLength(2);
	});
});

describe('freshness', () => {
	it('counts published services verified in the last 12 months by municipality and kind', async () => {
		// Seraing: one verified (A1), one not (A2, corrected); Herstal: by phone; Huy: never; CPAS: checked 2025-06.
		const stats = await freshness(handle.db, new Date(t0.getTime() + 30 * day));
		expect(stats.byMunicipality.find((r) => r.key === 'Seraing')).toMatchObject({ total: 2, verified: 1 });
		expect(stats.byMunicipality.find((r) => r.key === 'Herstal')).toMatchObject({ total: 1, verified: 1 });
		expect(stats.byMunicipality.find((r) => r.key === 'Huy')).toMatchObject({ total: 1, verified: 0 });
		expect(stats.byKind.find((r) => r.key === 'ili')).toMatchObject({ total: 3, verified: 2 });
		expect(stats.byKind.find((r) => r.key === 'cpas')).toMatchObject({ total: 1, verified: 1, stale: 0 });
		// Two years on, the CPAS service (checked 2025-06, published 2024) is stale.
		const later = await freshness(handle.db, new Date('2027-01-01T00:00:00Z'));
		expect(later.byKind.find((r) => r.key === 'cpas')).toMatchObject({ stale: 1 });
	});

	it('calls information stale after 18 months without a check', () => {
		const now = new Date('2026-06-01T00:00:00Z');
		expect(isStale({ lastVerifiedAt: '2024-11-30T00:00:00Z', publishedAt: '2020-01-01T00:00:00Z' }, now)).toBe(true);
		expect(isStale({ lastVerifiedAt: '2025-01-02T00:00:00Z', publishedAt: '2020-01-01T00:00:00Z' }, now)).toBe(false);
		expect(isStale({ lastVerifiedAt: null, publishedAt: '2024-10-01T00:00:00Z' }, now)).toBe(true);
		expect(isStale({ lastVerifiedAt: null, publishedAt: '2025-10-01T00:00:00Z' }, now)).toBe(false);
	});
});
