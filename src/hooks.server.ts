import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { directionOf, isLocale, type Locale } from '$lib/i18n/locales';
import { runtime, startRuntime, stopRuntime } from '$lib/server/app/runtime';
import { StartupError } from '$lib/server/config/config';
import { progressWatcher } from '$lib/server/directory/spreadsheet/progress';
import { clearSessionCookie } from '$lib/server/http/cookies';
import { applySecurityHeaders, tileOrigin } from '$lib/server/http/security-headers';
import { createSessions, SESSION_COOKIE } from '$lib/server/identity/sessions';
import { anonymous } from '$lib/server/policy/policy';
import { serverTranslator } from '$lib/server/i18n/server-translator';
import { negotiateLocale } from '$lib/server/i18n/negotiate';
import { describeError, logger } from '$lib/server/log/logger';

export const init: ServerInit = async () => {
	try {
		await startRuntime(process.env);
	} catch (error) {
		// One line naming the cause, no stack trace: the operator has something to fix.
		const message =
			error instanceof StartupError ? error.message : `start-up failed (${describeError(error).message})`;
		process.stderr.write(`passerelle: ${message}\n`);
		process.exit(1);
	}
	process.once('sveltekit:shutdown' as 'beforeExit', async () => {
		await stopRuntime();
		logger.info('stopped');
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const first = event.url.pathname.split('/')[1];
	const locale = isLocale(first) ? first : negotiateLocale(event.request.headers.get('accept-language'));
	event.locals.locale = locale;
	event.locals.actor = anonymous;
	event.locals.session = null;

	// Cross-site form posts are refused before anything runs, with a message in the page's language.
	if (!['GET', 'HEAD', 'OPTIONS'].includes(event.request.method) && isCrossSite(event.request, event.url)) {
		const refused = crossSiteRefusal(locale);
		applySecurityHeaders(refused.headers, event.url);
		logger.info({ method: event.request.method, route: event.route.id ?? '(unmatched)', status: 403, reason: 'cross-site' }, 'request');
		return refused;
	}

	const token = event.cookies.get(SESSION_COOKIE);
	// On PGlite an import holds the only connection: its starter follows its progress from memory
	// (directory/spreadsheet/progress.ts); every other request waits for the database.
	const watcher = token && runtime().database.engine === 'pglite' ? progressWatcher({ method: event.request.method, pathname: event.url.pathname }, token) : null;
	if (watcher) {
		event.locals.session = watcher.session;
		event.locals.actor = watcher.actor;
	} else if (token) {
		const resolved = await createSessions({ db: runtime().database.db }).resolve(token);
		if (resolved) {
			event.locals.session = resolved.session;
			// Until its second factor is entered, a session only opens the verification page.
			if (!resolved.session.pendingSecondFactor) event.locals.actor = resolved.actor;
		} else {
			clearSessionCookie(event);
		}
	}

	let response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%passerelle.lang%', locale).replace('%passerelle.dir%', directionOf(locale))
	});
	const tiles = tileOrigin(runtime().config.mapTileUrl);
	const imageOrigins = tiles && event.route.id === '/[lang=lang]/annuaire' ? [tiles] : [];
	try {
		applySecurityHeaders(response.headers, event.url, imageOrigins);
	} catch {
		// Some responses (a fetched one, Response.redirect) have immutable headers: copy, then set.
		response = new Response(response.body, response);
		applySecurityHeaders(response.headers, event.url, imageOrigins);
	}
	// Route ids only: a path or a query string can hold what a person typed.
	logger.info(
		{
			method: event.request.method,
			route: event.route.id ?? '(unmatched)',
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = randomUUID();
	if (status !== 404) {
		logger.error({ errorId: id, route: event.route.id, status, err: describeError(error) }, 'unhandled error');
	}
	return { message: status === 404 ? 'Not Found' : 'Internal Error', id } as App.Error;
};

/**
 * A form posted from another site. The host is compared, not the whole origin: without ORIGIN,
 * adapter-node reports https:// even for a plain http://localhost request.
 */
function isCrossSite(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin) {
		try {
			return new URL(origin).host !== url.host;
		} catch {
			return true;
		}
	}
	return request.headers.get('sec-fetch-site') === 'cross-site';
}

function crossSiteRefusal(locale: Locale): Response {
	const t = serverTranslator(locale);
	const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
	const html = `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t('error.crossSite.title'))}</title></head><body><main><h1>${escape(t('error.crossSite.title'))}</h1><p>${escape(t('error.crossSite.text'))}</p><p><a href="/${locale}">${escape(t('error.backHome'))}</a></p></main></body></html>`;
	return new Response(html, { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
