import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { createIdentityRepository } from '../identity/identity.repository';
import { createSessions } from '../identity/sessions';
import { casesDemoSeeder } from './cases.demo';
import { presentFileList } from './cases.files.presenter';
import { createCaseFilesRepository } from './cases.files.repository';
import { parseFileFilters } from './cases.files.schemas';
import { fileTimeline } from './cases.timeline';
import { caseAccess } from './cases.policy';
import { loadFileSubject } from './cases.scope';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async () => 'not-a-real-hash').seed(handle.db);
	await casesDemoSeeder.seed(handle.db);
});
afterAll(async () => handle?.close());

describe('demo case files', () => {
	it('gives the Seraing worker eight files of her organisation and one shared by Herstal, with timelines', async () => {
		const user = await createIdentityRepository({ db: handle.db }).users.byEmail('ili.travailleur@demo.passerelle.be');
		const { token } = await createSessions({ db: handle.db }).create(user!.id, { secondFactorAt: new Date() });
		const { actor } = (await createSessions({ db: handle.db }).resolve(token))!;
		const { rows } = await createCaseFilesRepository({ db: handle.db }).list(actor, parseFileFilters(new URLSearchParams('status=all')));
		const files = await presentFileList(handle.db, actor, rows);
		expect(files.filter((f) => f.owner)).toHaveLength(8);
		expect(files.filter((f) => !f.owner).map((f) => f.name)).toEqual(['Grace Mbuyi']);
		const mariam = files.find((f) => f.name === 'Mariam Diallo')!;
		const loaded = (await loadFileSubject(handle.db, mariam.id))!;
		const timeline = await fileTimeline(handle.db, mariam.id, caseAccess(actor, loaded.subject)!);
		expect(timeline.entries.map((e) => e.action)).toEqual(['case_identity.updated', 'case_identity.updated', 'case_file.created']);
	});
});
