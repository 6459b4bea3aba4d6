import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { createServiceEditing } from './directory.editing';
import { readServiceForm } from './service-form';
import { directoryIndex } from './directory.search';
import { eq } from 'drizzle-orm';
import { presentService } from './directory.presenter';
import { location, translation } from './directory.table';
import type { PublishedService } from './directory.types';
import { parseDayHours } from './hours-input';

let handle: DatabaseHandle;
const form = (fields: Record<string, string | string[]>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
	return readServiceForm(data);
};
const valid = {
	name: 'Cours de français du soir à Ougrée',
	description: 'Niveaux A1 et A2, garderie sur place.',
	needs: ['fle'],
	'loc-0-street': 'Rue de la Démo 7',
	'loc-0-postalCode': '4102',
	'loc-0-nisCode': '62096',
	accessModes: ['registration'],
	free: 'on',
	childcare: 'on',
	hours2: '18:00-20:30',
	hours4: '18h-20h30'
};

beforeAll(async () => {
	handle = await freshDatabase();
});
afterAll(async () => handle?.close());

describe('reading opening hours as people type them', () => {
	it.each([
		['9:00-12:00, 13:00-16:30', [['09:00', '12:00'], ['13:00', '16:30']]],
		['9h-12h', [['09:00', '12:00']]],
		['18h - 20h30', [['18:00', '20:30']]],
		['', []]
	])('"%s"', (text, expected) => {
		expect(parseDayHours(1, text)?.map((s) => [s.opensAt, s.closesAt])).toEqual(expected);
	});
	it.each(['12:00-9:00', '9-12, 11-13', 'le matin', '25:00-26:00'])('refuses "%s"', (text) => {
		expect(parseDayHours(1, text)).toBeNull();
	});
});

describe('editing and moderation', () => {
	it('reads who is welcome, ages, places, languages and prices', () => {
		const read = form({ ...valid, languages: ['ar', 'uk'], capacity: 'waiting_list', womenOnly: 'on', ageMin: '16', ageMax: '', audiences: ['mena'], feeDetails: '5 € par trimestre', welcomeType: 'preferential' });
		expect(read.errors).toEqual({});
		expect(read.data).toMatchObject({ languages: ['ar', 'uk'], capacity: 'waiting_list', womenOnly: true, ageMin: 16, ageMax: null, audiences: ['mena'], welcomeType: 'preferential' });
		expect(form({ ...valid, ageMin: '200', capacity: 'maybe' }).errors).toMatchObject({ ageMin: 'pro.errors.age', capacity: 'pro.errors.invalid' });
	});

	it('refuses a bad form field by field, keeping what was typed', () => {
		const read = form({ ...valid, 'loc-0-postalCode': '41', hours3: 'le matin', email: 'pas-un-email', needs: [] });
		expect(read.errors).toMatchObject({ 'loc-0-postalCode': 'pro.errors.postalCode', hours3: 'pro.errors.hours', email: 'pro.errors.emailInvalid', needs: 'pro.errors.needs' });
		expect(read.raw.name).toBe(valid.name);
	});

	it('keeps an ILI member’s edit out of the public directory until a directory editor publishes it; history shows each step', async () => {
		const db = handle.db;
		const identity = createIdentityRepository({ db });
		const org = await identity.organisations.create({ name: 'ILI Ougrée', kind: 'ili', nisCode: '62096' });
		const worker = await identity.users.create({ email: 'w@ili.test', name: 'Wafa Worker', locale: 'fr' });
		const editor = await identity.users.create({ email: 'e@cri.test', name: 'Eddy Editor', locale: 'fr', platformRoles: ['directory_editor'] });
		const editing = createServiceEditing({ db });
		const asWorker = { actorUserId: worker.id, ipHash: 'h' };
		const asEditor = { actorUserId: editor.id, ipHash: 'h' };

		const id = await editing.create(org.id, asWorker);
		const read = form(valid);
		expect(read.errors).toEqual({});
		await editing.save(id, read.data!, read.slots, asWorker);
		await editing.submit(id, asWorker);
		await new Promise((r) => setTimeout(r, 1100));
		expect((await directoryIndex(db)).get(id)).toBeNull();
		expect((await editing.queue()).map((q) => q.id)).toContain(id);
		expect((await editing.diff(id)).find((d) => d.field === 'hours')!.after).toContain('18:00-20:30');

		await editing.publish(id, asEditor, 'Merci !');
		await new Promise((r) => setTimeout(r, 1100));
		const published = (await directoryIndex(db)).get(id)!;
		expect(published.name.fr!.text).toBe(valid.name);
		expect(published.childcare).toBe(true);

		// A later edit stays a draft: the public keeps the published text.
		const changed = form({ ...valid, name: 'Cours du soir (nouveau nom)' });
		await editing.save(id, changed.data!, changed.slots, asWorker);
		await new Promise((r) => setTimeout(r, 1100));
		expect((await directoryIndex(db)).get(id)!.name.fr!.text).toBe(valid.name);

		const history = await editing.historyOf(id);
		expect(history.map((h) => [h.action, h.actor]).reverse()).toEqual([
			['created', 'Wafa Worker'],
			['saved', 'Wafa Worker'],
			['submitted', 'Wafa Worker'],
			['published', 'Eddy Editor'],
			['saved', 'Wafa Worker']
		]);
	});
});

describe('dated exceptions, several addresses and the eligibility zone', () => {
	const place = { 'loc-0-street': 'Rue de la Démo 7', 'loc-0-postalCode': '4102', 'loc-0-nisCode': '62096' };
	const base = { name: valid.name, needs: ['fle'], hours2: '18:00-20:30', ...place };
	const at = (date: string) => new Date(`${date}T10:00:00+01:00`);

	it('reads a closure announced 15 days before when no notice date is given, and special hours', () => {
		const read = form({
			...base,
			'ex-0-startsOn': '2027-02-15',
			'ex-0-endsOn': '2027-02-19',
			'ex-0-kind': 'closed',
			'ex-0-message': 'Congé de détente',
			'ex-1-startsOn': '01/03/2027',
			'ex-1-kind': 'hours',
			'ex-1-hours': '9h-12h',
			'ex-1-noticeFrom': '2027-02-20',
			// The blank row the form always shows is ignored.
			'ex-2-startsOn': '',
			'ex-2-kind': 'closed'
		});
		expect(read.errors).toEqual({});
		expect(read.data!.exceptions).toEqual([
			{ id: null, startsOn: '2027-02-15', endsOn: '2027-02-19', kind: 'closed', hours: null, noticeFrom: '2027-01-31', message: 'Congé de détente' },
			{ id: null, startsOn: '2027-03-01', endsOn: '2027-03-01', kind: 'hours', hours: [{ opensAt: '09:00', closesAt: '12:00' }], noticeFrom: '2027-02-20', message: '' }
		]);
	});

	it('refuses impossible dates, an end before the start, missing special hours, a notice after the start and overlaps, field by field, keeping what was typed', () => {
		const read = form({
			...base,
			'ex-0-startsOn': '2027-02-30',
			'ex-1-startsOn': '2027-03-10',
			'ex-1-endsOn': '2027-03-01',
			'ex-2-startsOn': '2027-04-01',
			'ex-2-kind': 'hours',
			'ex-2-hours': '',
			'ex-3-startsOn': '2027-05-01',
			'ex-3-noticeFrom': '2027-05-02',
			'ex-3-message': 'Annonce trop tardive',
			'ex-4-startsOn': '2027-06-01',
			'ex-4-endsOn': '2027-06-10',
			'ex-5-startsOn': '2027-06-05',
			'ex-6-startsOn': '2027-07-01',
			'ex-6-kind': 'hours',
			'ex-6-hours': 'le matin'
		});
		expect(read.data).not.toBeNull();
		expect(read.errors).toEqual({
			'ex-0-startsOn': 'pro.errors.date',
			'ex-1-endsOn': 'pro.errors.endBeforeStart',
			'ex-2-hours': 'pro.errors.exceptionHours',
			'ex-3-noticeFrom': 'pro.errors.noticeAfterStart',
			'ex-5-startsOn': 'pro.errors.exceptionOverlap',
			'ex-6-hours': 'pro.errors.exceptionHours'
		});
		expect(read.raw.exceptions[3]).toMatchObject({ startsOn: '2027-05-01', noticeFrom: '2027-05-02', message: 'Annonce trop tardive' });
		expect(read.raw.exceptions[6]).toMatchObject({ kind: 'hours', hours: 'le matin' });
	});

	it('refuses a service without an address, a bad postal code, an unknown municipality and an unknown zone', () => {
		const noPlace = { name: valid.name, needs: ['fle'] };
		expect(form(noPlace).errors).toEqual({ locations: 'pro.errors.locationRequired' });
		expect(form({ ...noPlace, 'loc-0-street': 'Rue A 1', 'loc-0-postalCode': '4102', 'loc-0-nisCode': '62096', 'loc-0-remove': 'on' }).errors).toEqual({ locations: 'pro.errors.locationRequired' });
		const read = form({ ...base, 'loc-1-street': 'Rue B 2', 'loc-1-postalCode': '41', 'loc-1-nisCode': '99999', eligibleNis: ['62063', '12345'] });
		expect(read.errors).toEqual({ 'loc-1-postalCode': 'pro.errors.postalCode', 'loc-1-nisCode': 'pro.errors.municipality', eligibleNis: 'pro.errors.invalid' });
		expect(read.raw.locations[1]).toMatchObject({ street: 'Rue B 2', postalCode: '41' });
		expect(read.raw.eligibleNis).toEqual(['62063', '12345']);
		// A form from before several addresses (one street, postal code, municipality) still reads as one address.
		expect(form({ ...noPlace, street: 'Rue A 1', postalCode: '4102', nisCode: '62096' }).data!.locations).toEqual([{ id: null, existing: null, street: 'Rue A 1', postalCode: '4102', nisCode: '62096' }]);
	});

	it('saves exceptions, two addresses and a zone; the public sees the closure from its notice date and both addresses after publication', async () => {
		const db = handle.db;
		const identity = createIdentityRepository({ db });
		const org = await identity.organisations.create({ name: 'ILI Seraing bis', kind: 'ili', nisCode: '62096' });
		const worker = await identity.users.create({ email: 'w2@ili.test', name: 'Walid Worker', locale: 'fr' });
		const ctx = { actorUserId: worker.id, ipHash: 'h' };
		const editing = createServiceEditing({ db });
		const id = await editing.create(org.id, ctx);
		const first = form({
			...base,
			'loc-1-street': 'Place Communale 1',
			'loc-1-postalCode': '4400',
			'loc-1-nisCode': '62120',
			eligibleNis: ['62096', '62120'],
			'ex-0-startsOn': '2027-02-15',
			'ex-0-endsOn': '2027-02-19',
			'ex-0-message': 'Congé de détente',
			'ex-1-startsOn': '2027-03-01',
			'ex-1-kind': 'hours',
			'ex-1-hours': '9:00-12:00'
		});
		expect(first.errors).toEqual({});
		await editing.save(id, first.data!, first.slots, ctx);

		const values = await editing.formValues(id);
		expect(values.locations.map((l) => [l.street, l.nisCode])).toEqual([['Rue de la Démo 7', '62096'], ['Place Communale 1', '62120']]);
		expect(values.eligibleNis).toEqual(['62096', '62120']);
		expect(values.exceptions.map((e) => [e.startsOn, e.endsOn, e.kind, e.hours, e.noticeFrom, e.message])).toEqual([
			['2027-02-15', '2027-02-19', 'closed', '', '2027-01-31', 'Congé de détente'],
			['2027-03-01', '2027-03-01', 'hours', '09:00-12:00', '2027-02-14', '']
		]);
		const diff = await editing.diff(id);
		expect(diff.find((d) => d.field === 'zone')).toMatchObject({ after: 'Seraing, Flémalle', changed: true });
		expect(diff.find((d) => d.field === 'exceptions')!.after).toContain('2027-02-15 → 2027-02-19 : closed (notice 2027-01-31) « Congé de détente »');
		expect(diff.find((d) => d.field === 'address')!.after).toContain('Place Communale 1, 4400');

		await editing.publish(id, ctx, null);
		const published = (await editing.byId(id))!.published as PublishedService;
		expect(published.locations).toHaveLength(2);
		expect(published.eligibleNis).toEqual(['62096', '62120']);
		expect(presentService(published, 'fr', at('2027-01-30')).exceptions).toEqual([]);
		const shown = presentService(published, 'fr', at('2027-01-31')).exceptions;
		expect(shown.map((e) => [e.kind, e.startsOn, e.message?.text])).toEqual([['closed', '2027-02-15', 'Congé de détente']]);
		expect(presentService(published, 'fr', at('2027-02-16')).open.kind).not.toBe('now');

		// Second save: the first exception is edited in place (its id stays), the second removed, the second address removed.
		const [kept, dropped] = values.exceptions;
		const second = form({
			...base,
			'loc-0-id': values.locations[0]!.id,
			'loc-1-id': values.locations[1]!.id,
			'loc-1-street': 'Place Communale 1',
			'loc-1-postalCode': '4400',
			'loc-1-nisCode': '62120',
			'loc-1-remove': 'on',
			'ex-0-id': kept!.id,
			'ex-0-startsOn': '2027-02-15',
			'ex-0-endsOn': '2027-02-20',
			'ex-0-message': 'Congé de détente (prolongé)',
			'ex-1-id': dropped!.id,
			'ex-1-startsOn': '2027-03-01',
			'ex-1-kind': 'hours',
			'ex-1-hours': '9:00-12:00',
			'ex-1-remove': 'on'
		});
		expect(second.errors).toEqual({});
		await editing.save(id, second.data!, second.slots, ctx);
		const again = await editing.formValues(id);
		expect(again.exceptions.map((e) => [e.id, e.endsOn, e.message])).toEqual([[kept!.id, '2027-02-20', 'Congé de détente (prolongé)']]);
		expect(again.locations.map((l) => l.id)).toEqual([values.locations[0]!.id]);
		expect(await db.select().from(location).where(eq(location.id, values.locations[1]!.id))).toEqual([]);
		expect(await db.select().from(translation).where(eq(translation.entityId, dropped!.id))).toEqual([]);
		expect((await editing.diff(id)).find((d) => d.field === 'exceptions')!.changed).toBe(true);
	});

	it('never changes or deletes an address another service still uses, and keeps past exceptions out of sight but not lost', async () => {
		const db = handle.db;
		const identity = createIdentityRepository({ db });
		const org = await identity.organisations.create({ name: 'ILI Huy', kind: 'ili', nisCode: '61031' });
		const worker = await identity.users.create({ email: 'w3@ili.test', name: 'Hana Worker', locale: 'fr' });
		const ctx = { actorUserId: worker.id, ipHash: 'h' };
		const editing = createServiceEditing({ db });
		const a = await editing.create(org.id, ctx);
		const b = await editing.create(org.id, ctx);
		const huy = { 'loc-0-street': 'Quai de Namur 1', 'loc-0-postalCode': '4500', 'loc-0-nisCode': '61031' };
		const readA = form({ ...base, ...huy, 'ex-0-startsOn': '2020-01-06', 'ex-0-endsOn': '2020-01-10' });
		await editing.save(a, readA.data!, readA.slots, ctx);
		const shared = (await editing.formValues(a)).locations[0]!.id;
		// Service B chooses the organisation's address instead of typing it again.
		expect((await editing.organisationLocations(org.id, b)).map((l) => [l.id, l.linked])).toEqual([[shared, false]]);
		const readB = form({ name: 'Permanence sociale', needs: ['fle'], 'loc-0-existing': shared });
		expect(readB.errors).toEqual({});
		await editing.save(b, readB.data!, readB.slots, ctx);
		expect((await editing.formValues(b)).locations.map((l) => l.id)).toEqual([shared]);

		// A edits the shared address: B keeps the old one, A gets a new one.
		const moved = form({ ...base, 'loc-0-id': shared, 'loc-0-street': 'Quai de Namur 3', 'loc-0-postalCode': '4500', 'loc-0-nisCode': '61031' });
		await editing.save(a, moved.data!, moved.slots, ctx);
		const aValues = await editing.formValues(a);
		expect(aValues.locations[0]!.street).toBe('Quai de Namur 3');
		expect(aValues.locations[0]!.id).not.toBe(shared);
		expect((await editing.formValues(b)).locations.map((l) => [l.id, l.street])).toEqual([[shared, 'Quai de Namur 1']]);
		// The 2020 closure is not shown in the form, counted, and survives a save that does not post it.
		expect(aValues.exceptions).toEqual([]);
		expect(aValues.pastExceptions).toBe(1);
		const snapshot = await editing.diff(a);
		expect(snapshot.find((d) => d.field === 'exceptions')!.after).toContain('2020-01-06');

		// An address chosen from another organisation, or a linked id that is not this service's, is refused.
		const other = await identity.organisations.create({ name: 'Autre ILI', kind: 'ili', nisCode: '62063' });
		const c = await editing.create(other.id, ctx);
		const tampered = form({ name: 'Intrus', needs: ['fle'], 'loc-0-existing': shared, 'loc-1-id': shared, 'loc-1-street': 'X 1', 'loc-1-postalCode': '4000', 'loc-1-nisCode': '62063' });
		expect(await editing.locationErrors(other.id, c, tampered.raw.locations)).toEqual({ 'loc-0-existing': 'pro.errors.invalid', 'loc-1-id': 'pro.errors.invalid' });
	});
});
