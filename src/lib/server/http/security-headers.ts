/**
 * Headers every response carries. The Content-Security-Policy of pages comes from SvelteKit
 * (svelte.config.js, with hashes or nonces for its own scripts); responses that are not pages
 * (JSON, redirects, files) get a strict one here.
 */
/**
 * adapter-node reports https:// for every request unless told otherwise, so the URL alone cannot
 * say whether TLS is in front. HTTPS is known when ORIGIN is an https:// URL, or when the proxy's
 * protocol header (PROTOCOL_HEADER) said https.
 */
export function servedOverHttps(url: URL): boolean {
	if (process.env.ORIGIN) return process.env.ORIGIN.startsWith('https:');
	return Boolean(process.env.PROTOCOL_HEADER) && url.protocol === 'https:';
}

/**
 * The site's public origin for links in e-mails, canonical URLs and the API: ORIGIN when set,
 * else the request's host with the scheme actually used (https only when it is known).
 */
export function publicOrigin(url: URL): string {
	if (process.env.ORIGIN) return process.env.ORIGIN.replace(/\/$/, '');
	return `${servedOverHttps(url) ? 'https' : 'http'}://${url.host}`;
}

export function applySecurityHeaders(headers: Headers, url: URL): void {
	const set = (name: string, value: string) => {
		if (!headers.has(name)) headers.set(name, value);
	};
	set('X-Content-Type-Options', 'nosniff');
	set('Referrer-Policy', 'same-origin');
	set(
		'Permissions-Policy',
		'accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()'
	);
	set('X-Frame-Options', 'DENY');
	set('Cross-Origin-Opener-Policy', 'same-origin');
	set('Cross-Origin-Resource-Policy', 'same-origin');
	set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
	if (servedOverHttps(url)) set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
