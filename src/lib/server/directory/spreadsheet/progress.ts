import { safeEqual, sha256 } from '../../crypto/crypto';
import { IDLE_MS, type SessionRow } from '../../identity/sessions';
import type { SignedIn } from '../../policy/policy';
import { runningJob, type ImportJob } from './jobs';

/**
 * The progress page of a running import, answered without the database.
 *
 * On PGlite the import's transaction holds the only connection, and every request first looks
 * its session up in the database, so the progress page would wait for the end of the import it
 * is meant to show. When an import starts, its job remembers who started it (the session id,
 * i.e. the SHA-256 of the cookie token, and the actor and session as the database gave them).
 * `handle` (hooks.server.ts) asks `progressWatcher` before the session lookup: a GET of
 * /{lang}/pro/import/{token}/progress whose job is running and whose cookie hashes to the
 * starter's session gets that remembered actor, and the page's load runs the same policy checks
 * as every import page against it, reading nothing but memory. Anything else (another cookie, no
 * cookie, an unknown or finished job, another path or method) goes the normal way.
 *
 * Why this is enough: the request must hold two secrets, the job token (192 random bits, in the
 * URL of the starter only) and the very session cookie that started the import (256 bits, HttpOnly).
 * The answer is two counts of rows in a file the person uploaded themselves: no personal data.
 * On PGlite nothing can revoke the session or change a role meanwhile (those writes wait for the
 * same connection), and the snapshot stops counting when the session would idle out or expire.
 * On PostgreSQL the database answers during an import, so requests take the normal way there.
 */
const progressPath = /^\/[a-z]{2}\/pro\/import\/([A-Za-z0-9_-]{32})\/progress$/;

/** Remembers who starts an import (the apply action, right before it starts). */
export function rememberStarter(job: ImportJob, actor: SignedIn, session: SessionRow): void {
	const validUntil = Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + IDLE_MS);
	job.starter = { sessionId: actor.sessionId, actor, session, validUntil };
}

/** The starter's actor and session for a progress request made with their cookie, else null. */
export function progressWatcher(request: { method: string; pathname: string }, cookieToken: string, now = Date.now()): { actor: SignedIn; session: SessionRow } | null {
	if (request.method !== 'GET') return null;
	const match = progressPath.exec(request.pathname);
	if (!match) return null;
	const starter = runningJob(match[1]!)?.starter;
	if (!starter || now >= starter.validUntil) return null;
	return safeEqual(sha256(cookieToken), starter.sessionId) ? { actor: starter.actor, session: starter.session } : null;
}
