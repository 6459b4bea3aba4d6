import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { directionOf, isLocale } from '$lib/i18n/locales';
import { startRuntime, stopRuntime } from '$lib/server/app/runtime';
import { StartupError } from '$lib/server/config/config';
import { applySecurityHeaders } from '$lib/server/http/security-headers';
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

	let response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%passerelle.lang%', locale).replace('%passerelle.dir%', directionOf(locale))
	});
	try {
		applySecurityHeaders(response.headers, event.url);
	} catch {
		// Some responses (a fetched one, Response.redirect) have immutable headers: copy, then set.
		response = new Response(response.body, response);
		applySecurityHeaders(response.headers, event.url);
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
