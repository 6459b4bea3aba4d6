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

/** The origin a tile URL template loads images from ({s} subdomains become a wildcard). */
export function tileOrigin(template: string | undefined): string | null {
	if (!template) return null;
	const m = /^(https?:\/\/[^/]+)/.exec(template.replace(/\{s\}/g, '*'));
	return m ? m[1]! : null;
}

/**
 * Security headers for every response. `imageOrigins` widens the page's img-src for the map
 * tiles (the only third-party requests a page may make, and only when an operator sets them).
 */
export function applySecurityHeaders(headers: Headers, url: URL, imageOrigins: string[] = []): void {
	const csp = headers.get('Content-Security-Policy');
	if (csp && imageOrigins.length) headers.set('Content-Security-Policy', csp.replace(/img-src ([^;]*)/, (_, v: string) => `img-src ${v} ${imageOrigins.join(' ')}`));
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
