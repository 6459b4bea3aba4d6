import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { createIdentityRepository } from '../../identity/identity.repository';
import { createServiceEditing } from '../directory.editing';
import { readServiceForm } from '../service-form';
import { createDirectoryRepository } from '../directory.repository';
import { serviceHistory, translation } from '../directory.table';
import { pick } from '../directory.types';
import { createLibreTranslate } from './machine-translation';
import { createTranslations } from './translations';

/** A local server speaking LibreTranslate's API: "[nl] texte" for each text; no Tigrinya model. */
let mode: 'ok' | 'error' | 'slow' = 'ok';
const requests: { target: string; q: string[]; apiKey?: string }[] = [];
let server: Server;
let url: string;
let handle: DatabaseHandle;

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			if (mode === 'slow') return; // never answers
			if (mode === 'error') {
				res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"model crashed"}');
				return;
			}
			res.setHeader('content-type', 'application/json');
			if (req.method === 'GET' && req.url === '/languages') {
				res.end(JSON.stringify([{ code: 'fr', targets: ['fr', 'nl', 'de', 'en', 'ar', 'fa', 'ps', 'uk', 'ru', 'tr', 'es'] }, { code: 'en', targets: ['fr'] }]));
			} else if (req.method === 'POST' && req.url === '/translate') {
				const { q, source, target, format, api_key } = JSON.parse(body) as { q: string[]; source: string; target: string; format: string; api_key?: string };
				if (source !== 'fr' || format !== 'text' || !Array.isArray(q)) return void res.writeHead(400).end('{}');
				requests.push({ target, q, apiKey: api_key });
				res.end(JSON.stringify({ translatedText: q.map((t) => `[${target}] ${t}`) }));
			} else res.writeHead(404).end('{}');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	handle = await freshDatabase();
});
afterAll(async () => {
	server?.closeAllConnections();
	server?.close();
	await handle?.close();
});

const form = (fields: Record<string, string | string[]>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
	const read = readServiceForm(data);
	expect(read.errors).toEqual({});
	return read;
};
const valid = { name: 'Cours de français du soir', description: 'Niveaux A1 et A2.', needs: ['fle'], street: 'Rue de la Démo 7', postalCode: '4102', nisCode: '62096', hours2: '18:00-20:30' };

async function rows(serviceId: string, field: string) {
	const list = await handle.db.select().from(translation).where(and(eq(translation.entityType, 'service'), eq(translation.entityId, serviceId), eq(translation.field, field)));
	return Object.fromEntries(list.map((r) => [r.locale, { text: r.text, status: r.status }]));
}

describe('machine translation on save, and human review', () => {
	it('fills missing languages, refreshes machine texts and outdates reviewed ones when the French changes; the public never sees an outdated text', async () => {
		const db = handle.db;
		const identity = createIdentityRepository({ db });
		const org = await identity.organisations.create({ name: 'ILI Traduction', kind: 'ili', nisCode: '62096' });
		const worker = await identity.users.create({ email: 'w@tr.test', name: 'Wafa', locale: 'fr' });
		const ctx = { actorUserId: worker.id, ipHash: 'h' };
		const translator = createLibreTranslate({ url, apiKey: 'secret-key' });
		const editing = createServiceEditing({ db, translator });
		const translations = createTranslations({ db, translator });
		const repo = createDirectoryRepository({ db });

		const id = await editing.create(org.id, ctx);
		const first = form(valid);
		await editing.save(id, first.data!, first.slots, ctx);

		// Every UI language the provider knows gets a machine translation; Tigrinya stays missing.
		const names = await rows(id, 'name');
		expect(names.fr).toEqual({ text: valid.name, status: 'source' });
		expect(names.nl).toEqual({ text: `[nl] ${valid.name}`, status: 'machine' });
		expect(names.ar).toEqual({ text: `[ar] ${valid.name}`, status: 'machine' });
		expect(names.ti).toBeUndefined();
		expect(Object.keys(names)).toHaveLength(11);
		// One batch per language (name and description together), with the API key.
		expect(requests.filter((r) => r.target === 'nl')).toEqual([{ target: 'nl', q: [valid.name, valid.description], apiKey: 'secret-key' }]);
		// Empty fields (documents) are not sent.
		expect(await rows(id, 'documents')).toEqual({});

		// An editor rewrites the Dutch name: reviewed; the service goes back to draft with its history.
		await editing.publish(id, ctx, null);
		const nlName = translations.inputName(`service.${id}.name`, 'nl');
		expect(await translations.review(id, { [nlName]: 'Avondcursus Frans' }, ctx)).toEqual({ errors: {}, changed: 1 });
		expect((await rows(id, 'name')).nl).toEqual({ text: 'Avondcursus Frans', status: 'reviewed' });
		expect((await editing.byId(id))!.status).toBe('draft');
		expect((await editing.historyOf(id))[0]!.action).toBe('translated');
		// Confirming a machine translation keeps its text and marks it reviewed.
		expect(await translations.confirm(id, `service.${id}.description`, 'de', ctx)).toBe(true);
		expect((await rows(id, 'description')).de).toEqual({ text: `[de] ${valid.description}`, status: 'reviewed' });

		// Saving without changing the French asks the provider nothing and keeps everything.
		const before = requests.length;
		await editing.save(id, first.data!, first.slots, ctx);
		expect(requests.length).toBe(before);
		expect((await rows(id, 'name')).nl!.status).toBe('reviewed');

		// The French name changes: machine names are refreshed, the reviewed Dutch one is outdated
		// (kept for editors), the unchanged description is not sent again.
		const renamed = form({ ...valid, name: 'Cours du soir à Ougrée' });
		await editing.save(id, renamed.data!, renamed.slots, ctx);
		const after = await rows(id, 'name');
		expect(after.de).toEqual({ text: '[de] Cours du soir à Ougrée', status: 'machine' });
		expect(after.nl).toEqual({ text: 'Avondcursus Frans', status: 'outdated' });
		expect(requests.slice(before).every((r) => r.q.length === 1 && r.q[0] === 'Cours du soir à Ougrée')).toBe(true);
		expect((await rows(id, 'description')).de!.status).toBe('reviewed');

		// What would be published: no Dutch name (French instead, said so), the fresh German one.
		const snap = await repo.snapshot(id, new Date());
		expect(snap.name.nl).toBeUndefined();
		expect(pick(snap.name, 'nl')).toMatchObject({ text: 'Cours du soir à Ougrée', lang: 'fr', fallback: true });
		expect(pick(snap.name, 'de')).toMatchObject({ text: '[de] Cours du soir à Ougrée', status: 'machine', fallback: false });
		const published = await editing.publish(id, ctx, null).then(() => repo.publishedById(id));
		expect(JSON.stringify(published)).not.toContain('Avondcursus');
		// …and the review screen shows it as outdated with its text, ready to be updated.
		const view = await translations.reviewView(id);
		expect(view.find((f) => f.field === 'name')!.locales.nl).toEqual({ text: 'Avondcursus Frans', status: 'outdated' });
		expect(view.find((f) => f.field === 'name')!.locales.ti).toEqual({ text: '', status: 'missing' });
	});

	it('a provider that fails or hangs leaves the changed fields missing, and the save still succeeds', async () => {
		const db = handle.db;
		const identity = createIdentityRepository({ db });
		const org = await identity.organisations.create({ name: 'ILI Panne', kind: 'ili', nisCode: '62096' });
		const worker = await identity.users.create({ email: 'p@tr.test', name: 'Paul', locale: 'fr' });
		const ctx = { actorUserId: worker.id, ipHash: 'h' };
		mode = 'ok';
		const translator = createLibreTranslate({ url, timeoutMs: 300 });
		const editing = createServiceEditing({ db, translator });
		const id = await editing.create(org.id, ctx);
		const first = form(valid);
		await editing.save(id, first.data!, first.slots, ctx);
		expect((await rows(id, 'description')).es!.status).toBe('machine');

		mode = 'error';
		const second = form({ ...valid, description: 'Niveaux A1, A2 et B1.' });
		await editing.save(id, second.data!, second.slots, ctx);
		expect(await rows(id, 'description')).toEqual({ fr: { text: 'Niveaux A1, A2 et B1.', status: 'source' } });
		expect((await rows(id, 'name')).es!.status).toBe('machine');

		mode = 'slow';
		const third = form({ ...valid, name: 'Cours du soir (nouvel horaire)', description: 'Niveaux A1, A2 et B1.' });
		const started = Date.now();
		await editing.save(id, third.data!, third.slots, ctx);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(await rows(id, 'name')).toEqual({ fr: { text: 'Cours du soir (nouvel horaire)', status: 'source' } });
		const history = await db.select().from(serviceHistory).where(eq(serviceHistory.serviceId, id));
		expect(history.filter((h) => h.action === 'saved')).toHaveLength(3);

		// Without a provider, a changed source drops machine texts too (the page falls back to French).
		mode = 'ok';
		await createServiceEditing({ db, translator }).save(id, third.data!, third.slots, ctx);
		expect((await rows(id, 'name')).uk!.status).toBe('machine');
		const fourth = form({ ...valid, name: 'Cours du soir' });
		await createServiceEditing({ db }).save(id, fourth.data!, fourth.slots, ctx);
		expect(Object.keys(await rows(id, 'name'))).toEqual(['fr']);
	});

	it('refuses a too long translation field by field, writing nothing', async () => {
		const db = handle.db;
		const identity = createIdentityRepository({ db });
		const org = await identity.organisations.create({ name: 'ILI Long', kind: 'ili', nisCode: '62096' });
		const worker = await identity.users.create({ email: 'l@tr.test', name: 'Lina', locale: 'fr' });
		const ctx = { actorUserId: worker.id, ipHash: 'h' };
		const editing = createServiceEditing({ db });
		const translations = createTranslations({ db });
		const id = await editing.create(org.id, ctx);
		const first = form(valid);
		await editing.save(id, first.data!, first.slots, ctx);
		const name = translations.inputName(`service.${id}.name`, 'en');
		const description = translations.inputName(`service.${id}.description`, 'en');
		const result = await translations.review(id, { [name]: 'x'.repeat(161), [description]: 'Levels A1 and A2.' }, ctx);
		expect(result.errors).toEqual({ [name]: 'pro.errors.tooLong' });
		expect(await rows(id, 'description')).toEqual({ fr: { text: valid.description, status: 'source' } });
	});
});
