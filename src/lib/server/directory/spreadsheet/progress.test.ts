import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { createIdentityRepository } from '../../identity/identity.repository';
import { createSessions, IDLE_MS } from '../../identity/sessions';
import { createJob, type ImportJob } from './jobs';
import { progressWatcher, rememberStarter } from './progress';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
}, 120_000);
afterAll(async () => handle?.close());

/** A signed-in person's cookie token, and an import job of theirs that is running. */
async function startedImport(email: string) {
	const user = await createIdentityRepository({ db: handle.db }).users.create({ email, name: 'Ines Import', locale: 'fr', platformRoles: ['directory_editor'] });
	const sessions = createSessions({ db: handle.db });
	const { token } = await sessions.create(user.id);
	const resolved = (await sessions.resolve(token))!;
	const job: ImportJob = createJob({ userId: user.id, scope: { organisationId: null }, fileName: 'services.csv', table: { format: 'csv', headers: [], rows: [] }, mapping: [] });
	job.state = 'running';
	rememberStarter(job, resolved.actor, resolved.session);
	return { token, job, userId: user.id };
}
const get = (path: string) => ({ method: 'GET', pathname: path });

describe('following an import from memory while it holds the database', () => {
	it('answers the progress page for the session that started the import, and only while it runs', async () => {
		const { token, job, userId } = await startedImport('watcher@cri.test');
		const path = `/fr/pro/import/${job.token}/progress`;
		expect(progressWatcher(get(path), token)?.actor.userId).toBe(userId);
		expect(progressWatcher(get(`/ar/pro/import/${job.token}/progress`), token)?.actor.userId).toBe(userId);
		job.state = 'done';
		expect(progressWatcher(get(path), token)).toBeNull();
	});

	it('sends everyone and everything else the normal way (database lookup)', async () => {
		const mine = await startedImport('starter@cri.test');
		const other = await startedImport('other@cri.test');
		const path = `/fr/pro/import/${mine.job.token}/progress`;
		// Another person's valid session, even one with a running import of their own.
		expect(progressWatcher(get(path), other.token)).toBeNull();
		expect(progressWatcher(get(path), `${mine.token}x`)).toBeNull();
		// Another page, another method, an unknown token.
		expect(progressWatcher(get(`/fr/pro/import/${mine.job.token}`), mine.token)).toBeNull();
		expect(progressWatcher(get(`/fr/pro/import/${mine.job.token}/progress/x`), mine.token)).toBeNull();
		expect(progressWatcher({ method: 'POST', pathname: path }, mine.token)).toBeNull();
		expect(progressWatcher(get(`/fr/pro/import/${'A'.repeat(32)}/progress`), mine.token)).toBeNull();
		// Past the moment the session would have idled out, the database decides again.
		expect(progressWatcher(get(path), mine.token, Date.now() + IDLE_MS + 1)).toBeNull();
	});
});
