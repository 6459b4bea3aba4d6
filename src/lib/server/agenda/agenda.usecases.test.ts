import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { translation } from '../directory/directory.table';
import { createIdentityRepository } from '../identity/identity.repository';
import { processImage } from './agenda.images';
import { createAgendaRepository } from './agenda.repository';
import { readEventForm } from './agenda.schemas';
import { agendaEvent, agendaImage, agendaOccurrence } from './agenda.table';
import { createEventTranslations } from './agenda.translations';
import { AgendaStateError, createAgenda } from './agenda.usecases';
import sharp from 'sharp';

let handle: DatabaseHandle;
let orgId = '';
let workerId = '';
let editorId = '';

beforeAll(async () => {
	handle = await freshDatabase();
	const identity = createIdentityRepository({ db: handle.db });
	orgId = (await identity.organisations.create({ name: 'Maison des Langues (test)', kind: 'ili', nisCode: '62096' })).id;
	workerId = (await identity.users.create({ email: 'w@agenda.test', name: 'Wafa', locale: 'fr' })).id;
	editorId = (await identity.users.create({ email: 'e@agenda.test', name: 'Eric', locale: 'fr', platformRoles: ['directory_editor'] })).id;
});
afterAll(async () => handle?.close());

/** A form as a browser posts it. */
function formData(values: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
	return data;
}
const tuesdays = {
	title: 'Table de conversation en français',
	description: 'On parle de tout, autour d’un café. Tous niveaux.',
	category: 'conversation',
	startDate: '2026-10-13',
	startTime: '18:00',
	endTime: '19:30',
	repeat: 'weekly',
	until: '2026-11-24',
	exdates: '2026-11-10',
	mode: 'place',
	placeName: 'Bibliothèque d’Ougrée',
	street: 'Rue de la Démo 7',
	postalCode: '4102',
	nisCode: '62096',
	free: 'on',
	registration: 'none',
	languages: ['fr', 'ar'],
	childcare: 'on',
	audience: 'all'
};
const read = (values: Record<string, string | string[]>) => readEventForm(formData(values));

describe('the activity form', () => {
	it('refuses an end before the start and a recurrence without end, next to their fields, keeping what was typed', () => {
		const early = read({ ...tuesdays, endTime: '17:00' });
		expect(early.errors).toEqual({ endTime: 'agenda.errors.endBeforeStart' });
		expect(early.raw.title).toBe(tuesdays.title);
		expect(read({ ...tuesdays, until: '' }).errors).toEqual({ until: 'agenda.errors.recurrenceNoEnd' });
		expect(read({ ...tuesdays, repeat: 'custom', custom: 'FREQ=WEEKLY;BYDAY=TU' }).errors).toEqual({ custom: 'agenda.errors.recurrenceNoEnd' });
		expect(read({ ...tuesdays, repeat: 'daily', until: '2028-12-31' }).errors).toEqual({ until: 'agenda.errors.recurrenceTooMany' });
		expect(read({ ...tuesdays, mode: 'online', onlineUrl: '' }).errors).toEqual({ onlineUrl: 'agenda.errors.url' });
		expect(read({ ...tuesdays, free: '', price: '' }).errors).toEqual({ price: 'agenda.errors.price' });
		expect(read({ ...tuesdays, exdates: '31/02/2026' }).errors).toEqual({ exdates: 'agenda.errors.exdates' });
		expect(read(tuesdays).data?.timing.rrule).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T225959Z');
	});
});

describe('an organisation’s activity, from draft to the public agenda', () => {
	it('is written, sent, returned with a comment, sent again, published with its dates, changed and cancelled', async () => {
		const db = handle.db;
		const agenda = createAgenda({ db });
		const repo = createAgendaRepository({ db });
		const worker = { actorUserId: workerId, ipHash: 'h1' };
		const editor = { actorUserId: editorId, ipHash: 'h2' };
		const id = await agenda.create(orgId, read(tuesdays).data!, worker);
		expect((await repo.byId(id))!.status).toBe('draft');
		await agenda.submit(id, worker);
		await expect(agenda.submit(id, worker)).rejects.toBeInstanceOf(AgendaStateError);
		expect((await repo.queue()).map((q) => q.title)).toContain(tuesdays.title);

		await agenda.returnToOrganisation(id, editor, 'Précisez l’étage de la salle.');
		expect((await repo.history(id))[0]).toMatchObject({ action: 'returned', comment: 'Précisez l’étage de la salle.', actor: 'Eric' });
		await agenda.save(id, read({ ...tuesdays, placeName: 'Bibliothèque d’Ougrée, 1er étage' }).data!, worker);
		await agenda.submit(id, worker);

		// Nothing public before publication.
		const window = [new Date('2026-10-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z')] as const;
		expect(await repo.occurrencesBetween(...window)).toEqual([]);
		await agenda.publish(id, editor, null);
		const dates = await repo.occurrencesBetween(...window);
		// Seven Tuesdays from 13 October to 24 November, without 10 November, at 18:00 Brussels time.
		expect(dates.map((d) => d.day)).toEqual(['2026-10-13', '2026-10-20', '2026-10-27', '2026-11-03', '2026-11-17', '2026-11-24']);
		expect(dates[1]!.start.toISOString()).toBe('2026-10-20T16:00:00.000Z');
		expect(dates[2]!.start.toISOString()).toBe('2026-10-27T17:00:00.000Z');
		expect(dates[0]!.event.place?.name).toBe('Bibliothèque d’Ougrée, 1er étage');
		expect(dates[0]!.event.place?.municipality).toBe('Seraing');
		// The filters run in SQL.
		expect(await repo.occurrencesBetween(...window, { lang: 'ar', childcare: true, municipality: '62096', category: 'conversation' })).toHaveLength(6);
		expect(await repo.occurrencesBetween(...window, { lang: 'uk' })).toHaveLength(0);
		expect(await repo.occurrencesBetween(...window, { municipality: '62063' })).toHaveLength(0);

		// A change waits for moderation: the public keeps the published version.
		await agenda.save(id, read({ ...tuesdays, title: 'Table de conversation du mardi' }).data!, worker);
		expect((await repo.publishedById(id))!.title.fr!.text).toBe('Table de conversation en français');
		await agenda.submit(id, worker);
		await agenda.publish(id, editor, null);
		expect((await repo.publishedById(id))!.title.fr!.text).toBe('Table de conversation du mardi');

		await agenda.cancel(id, worker, null);
		const cancelled = await repo.occurrencesBetween(...window);
		expect(cancelled.every((d) => d.cancelled && d.event.status === 'cancelled')).toBe(true);
		await expect(agenda.publish(id, editor, null)).rejects.toBeInstanceOf(AgendaStateError);

		const audit = await db.select().from(auditEvent).where(and(eq(auditEvent.subjectType, 'agenda_event'), eq(auditEvent.subjectId, id)));
		expect(audit.map((a) => a.action)).toEqual([
			'agenda.event.created',
			'agenda.event.submitted',
			'agenda.event.returned',
			'agenda.event.saved',
			'agenda.event.submitted',
			'agenda.event.published',
			'agenda.event.saved',
			'agenda.event.submitted',
			'agenda.event.published',
			'agenda.event.cancelled'
		]);
		// Ids and codes only in the audit: no typed text.
		expect(JSON.stringify(audit)).not.toContain('étage');
	});

	it('keeps the image the public sees until the new one is published, and never shows a draft image', async () => {
		const db = handle.db;
		const agenda = createAgenda({ db });
		const repo = createAgendaRepository({ db });
		const ctx = { actorUserId: workerId, ipHash: 'h' };
		const id = await agenda.create(orgId, read({ ...tuesdays, repeat: 'none', exdates: '' }).data!, ctx);
		const picture = async (colour: string) => {
			const r = await processImage(await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } }).jpeg().toBuffer());
			return r.ok ? r.image : (null as never);
		};
		await agenda.setImage(id, await picture('#a33'), 'Des personnes autour d’une table.', ctx);
		const first = (await repo.byId(id))!.imageId!;
		expect(await agenda.isPublicImage(first)).toBe(false);
		await agenda.publish(id, { actorUserId: editorId, ipHash: 'h' }, null);
		expect(await agenda.isPublicImage(first)).toBe(true);
		expect((await repo.publishedById(id))!.imageAlt.fr!.text).toBe('Des personnes autour d’une table.');

		await agenda.setImage(id, await picture('#33a'), 'Une affiche.', ctx);
		const second = (await repo.byId(id))!.imageId!;
		expect(await agenda.isPublicImage(first)).toBe(true);
		expect(await agenda.isPublicImage(second)).toBe(false);
		await agenda.publish(id, { actorUserId: editorId, ipHash: 'h' }, null);
		expect(await agenda.isPublicImage(second)).toBe(true);
		expect(await db.select({ id: agendaImage.id }).from(agendaImage).where(eq(agendaImage.eventId, id))).toEqual([{ id: second }]);
	});

	it('outdates a reviewed translation when the French title changes, and the public reads the French meanwhile', async () => {
		const db = handle.db;
		const agenda = createAgenda({ db });
		const translations = createEventTranslations({ db });
		const repo = createAgendaRepository({ db });
		const ctx = { actorUserId: workerId, ipHash: 'h' };
		const id = await agenda.create(orgId, read({ ...tuesdays, repeat: 'none', exdates: '' }).data!, ctx);
		const nl = translations.inputName(`agenda_event.${id}.title`, 'nl');
		expect(await translations.review(id, { [nl]: 'Conversatietafel Frans' }, ctx)).toEqual({ errors: {}, changed: 1 });
		await agenda.publish(id, { actorUserId: editorId, ipHash: 'h' }, null);
		expect((await repo.publishedById(id))!.title.nl).toEqual({ text: 'Conversatietafel Frans', status: 'reviewed' });
		await agenda.save(id, read({ ...tuesdays, repeat: 'none', exdates: '', title: 'Table de conversation du jeudi' }).data!, ctx);
		const [row] = await db.select().from(translation).where(and(eq(translation.entityId, id), eq(translation.field, 'title'), eq(translation.locale, 'nl')));
		expect(row!.status).toBe('outdated');
		await agenda.publish(id, { actorUserId: editorId, ipHash: 'h' }, null);
		expect((await repo.publishedById(id))!.title.nl).toBeUndefined();
		expect((await translations.reviewView(id)).find((f) => f.field === 'title')!.locales.nl).toEqual({ text: 'Conversatietafel Frans', status: 'outdated' });
	});
});

describe('public proposals', () => {
	it('are held for moderation, and a flood from one address is refused with nothing stored', async () => {
		const db = handle.db;
		const agenda = createAgenda({ db });
		const form = read(tuesdays).data!;
		const extra = { organiserName: 'Collectif des voisins', contact: 'voisins@example.be' };
		const count = async () => (await db.select({ id: agendaEvent.id }).from(agendaEvent).where(eq(agendaEvent.origin, 'proposal'))).length;
		for (let i = 0; i < 5; i++) expect(await agenda.propose(form, extra, 'ar', 'flood-address')).toBe('kept');
		expect(await count()).toBe(5);
		expect(await agenda.propose(form, extra, 'ar', 'flood-address')).toBe('throttled');
		expect(await count()).toBe(5);
		// Another address is not affected; a robot filling the hidden field is thanked and ignored.
		expect(await agenda.propose(form, { ...extra, website: 'http://spam.example' }, 'fr', 'robot')).toBe('kept');
		expect(await count()).toBe(5);

		const [proposal] = await db.select().from(agendaEvent).where(eq(agendaEvent.origin, 'proposal')).limit(1);
		expect(proposal).toMatchObject({ status: 'submitted', organisationId: null, contact: 'voisins@example.be', locale: 'ar' });
		expect(await db.select().from(agendaOccurrence).where(eq(agendaOccurrence.eventId, proposal!.id))).toEqual([]);
		await agenda.decline(proposal!.id, { actorUserId: editorId, ipHash: 'h' }, null);
		expect((await createAgendaRepository({ db }).byId(proposal!.id))).toMatchObject({ status: 'declined', contact: null });
		const [other] = await db.select().from(agendaEvent).where(and(eq(agendaEvent.origin, 'proposal'), eq(agendaEvent.status, 'submitted'))).limit(1);
		await agenda.publish(other!.id, { actorUserId: editorId, ipHash: 'h' }, null);
		const published = await createAgendaRepository({ db }).publishedById(other!.id);
		expect(published!.organiser).toEqual({ organisationId: null, name: 'Collectif des voisins' });
		expect((await createAgendaRepository({ db }).byId(other!.id))!.contact).toBeNull();
	});
});
