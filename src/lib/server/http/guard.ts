import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { keyedHash } from '../crypto/crypto';
import { publicOrigin } from './security-headers';
import { runtime } from '../app/runtime';
import type { RequestContext } from '../identity/auth.usecases';
import { decide, type Actor, type SignedIn } from '../policy/policy';
import '../policy/rules';

/** Where to come back after signing in: a local path only. */
export function safeNext(next: string | null | undefined, fallback: string): string {
	return next && /^\/[a-z]{2}\/pro(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : fallback;
}

/**
 * The policy check of a route, right after it loaded its subject. Allowed: returns the actor.
 * Anonymous: to the sign-in page (401 for API calls). Second factor missing: to its set-up or
 * verification page. Otherwise 403, or 404 when `hide` (the subject's existence is itself private).
 */
export function authorize<S>(event: RequestEvent, action: string, subject?: S, { hide = false }: { hide?: boolean } = {}): SignedIn {
	const actor: Actor = event.locals.actor;
	const decision = decide(actor, action, subject);
	if (decision === true && actor.kind === 'user') return actor;
	const locale = event.locals.locale;
	const here = event.url.pathname + event.url.search;
	if (actor.kind === 'anonymous') {
		if (event.url.pathname.startsWith('/api/')) error(401, 'unauthorised');
		redirect(303, `/${locale}/pro/connexion?next=${encodeURIComponent(here)}`);
	}
	if (decision === 'second-factor') {
		const target = actor.hasSecondFactor ? 'connexion/verification' : 'compte/securite';
		redirect(303, `/${locale}/pro/${target}?next=${encodeURIComponent(here)}`);
	}
	error(hide ? 404 : 403, hide ? 'Not Found' : 'Forbidden');
}

/** The signed-in session row, for account pages (after authorize). */
export function currentSession(event: RequestEvent) {
	const s = event.locals.session;
	if (!s) error(401, 'unauthorised');
	return s;
}

/** A short, non-identifying description of the browser for the sessions list. */
export function describeDevice(userAgent: string | null): string | null {
	if (!userAgent) return null;
	const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser';
	const os = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : '';
	return os ? `${browser} · ${os}` : browser;
}

export function requestContext(event: RequestEvent): RequestContext {
	let address = 'unknown';
	try {
		address = event.getClientAddress();
	} catch {
		/* no address (tests) */
	}
	return {
		ipHash: keyedHash(runtime().keys.hmac, address),
		origin: publicOrigin(event.url),
		device: describeDevice(event.request.headers.get('user-agent'))
	};
}
