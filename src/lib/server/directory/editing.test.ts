import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { createServiceEditing, readServiceForm } from './directory.editing';
import { directoryIndex } from './directory.search';
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
	street: 'Rue de la Démo 7',
	postalCode: '4102',
	nisCode: '62096',
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
		const read = form({ ...valid, postalCode: '41', hours3: 'le matin', email: 'pas-un-email', needs: [] });
		expect(read.errors).toMatchObject({ postalCode: 'pro.errors.postalCode', hours3: 'pro.errors.hours', email: 'pro.errors.emailInvalid', needs: 'pro.errors.needs' });
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
