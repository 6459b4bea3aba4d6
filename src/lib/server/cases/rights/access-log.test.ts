import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { listFileAccess } from './access-log.repository';
import { accessStatement } from './access-statement';
import { actorOf, recordRead, seedRightsFixture, type Fixture } from './rights.testing';

let handle: DatabaseHandle;
let f: Fixture;

beforeAll(async () => {
	handle = await freshDatabase();
	f = await seedRightsFixture(handle.db);
}, 60_000);
afterAll(async () => handle?.close());

describe('who accessed a file', () => {
	it('lists a read by another organisation’s worker through a grant, with the worker, the organisation and the section, newest first', async () => {
		const db = handle.db;
		await recordRead(db, actorOf(f.workerA, [[f.orgA.id, 'worker']]), f.file.id);
		const access = await recordRead(db, actorOf(f.workerB, [[f.orgB.id, 'worker']]), f.file.id, 'parcours');
		// The grant is what let B's worker in: B acts for B, not as the owner.
		expect(access).toMatchObject({ organisationId: f.orgB.id, owner: false });
		const [latest, earlier] = await listFileAccess(db, f.file.id);
		expect(latest).toMatchObject({ actorName: 'Bruno Partner', organisationName: f.orgB.name, action: 'case_file.viewed', section: 'parcours', purpose: 'view' });
		expect(earlier).toMatchObject({ actorName: 'Wanda Worker', organisationName: f.orgA.name, section: null });
	});

	it('pages from the newest: the next page starts before the last id shown', async () => {
		const db = handle.db;
		for (let i = 0; i < 3; i++) await recordRead(db, actorOf(f.workerA, [[f.orgA.id, 'worker']]), f.file.id, 'notes');
		const all = await listFileAccess(db, f.file.id);
		const first = await listFileAccess(db, f.file.id, { limit: 2 });
		const next = await listFileAccess(db, f.file.id, { limit: 2, before: first[1]!.id });
		expect([...first, ...next].map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
	});

	it('writes the statement for the person with organisations and dates, and the workers’ names only when asked', async () => {
		const entries = await listFileAccess(handle.db, f.file.id);
		const input = { entries, reference: 'abcd1234', personName: 'Zerihun Weldemariam', ownerOrganisationName: f.orgA.name };
		const plain = accessStatement({ ...input, names: false }, { locale: 'fr', now: new Date() });
		const text = JSON.stringify(plain);
		expect(text).toContain(f.orgB.name);
		expect(text).toContain('Qui a consulté votre dossier');
		expect(text).not.toContain('Bruno Partner');
		const [summary] = plain.parts[0]!.blocks;
		// One line per organisation: A read the file 4 times (one, then three), B once.
		expect(summary).toMatchObject({ kind: 'table' });
		const rows = (summary as { rows: string[][] }).rows;
		expect(rows.find((r) => r[0] === f.orgA.name)?.[3]).toBe('4');
		expect(rows.find((r) => r[0] === f.orgB.name)?.[3]).toBe('1');
		expect(JSON.stringify(accessStatement({ ...input, names: true }, { locale: 'ar', now: new Date() }))).toContain('Bruno Partner');
	});
});
