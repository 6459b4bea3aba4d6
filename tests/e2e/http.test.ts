import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { directionOf, locales } from '../../src/lib/i18n/locales';
import { root } from './server';

const base = inject('baseURL');
const catalogue = (l: string) => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
const decode = (s: string) =>
	s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

describe('language negotiation on /', () => {
	it.each([
		['ar', '/ar'],
		['ar-MA,fr;q=0.5', '/ar'],
		['de-CH,de;q=0.9,en;q=0.8', '/de'],
		['uk-UA', '/uk'],
		['fa-IR,en;q=0.3', '/fa'],
		['pt-BR,pt;q=0.9', '/fr'],
		['', '/fr']
	])('Accept-Language "%s" goes to %s', async (header, target) => {
		const res = await fetch(`${base}/`, { redirect: 'manual', headers: header ? { 'Accept-Language': header } : {} });
		expect(res.status).toBe(302);
		expect(res.headers.get('location')).toBe(target);
		expect(res.headers.get('vary')).toMatch(/accept-language/i);
	});
});

describe('home page in every language', () => {
	it.each([...locales])('/%s has its own strings, lang and direction', async (locale) => {
		const res = await fetch(`${base}/${locale}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(`<html lang="${locale}" dir="${directionOf(locale)}">`);
		const h1 = decode(html.match(/<h1>([^<]*)<\/h1>/)?.[1] ?? '');
		expect(h1).toBe(catalogue(locale)['home.heading']);
		if (locale !== 'fr') expect(h1).not.toBe(catalogue('fr')['home.heading']);
	});

	it('right-to-left languages are marked rtl and the others ltr', async () => {
		for (const l of ['ar', 'fa', 'ps']) expect(await (await fetch(`${base}/${l}`)).text()).toContain(`dir="rtl"`);
		for (const l of ['fr', 'uk', 'ti']) expect(await (await fetch(`${base}/${l}`)).text()).toContain(`dir="ltr"`);
	});
});

describe('security headers', () => {
	it('pages carry a CSP without unsafe-inline scripts, and the other protective headers', async () => {
		const res = await fetch(`${base}/fr`);
		const csp = res.headers.get('content-security-policy') ?? '';
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		expect(res.headers.get('permissions-policy')).toContain('camera=()');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		// Plain HTTP on loopback: no HSTS (it would pin a name to HTTPS that has none).
		expect(res.headers.get('strict-transport-security')).toBeNull();
	});

	it('non-page responses get a deny-all CSP too', async () => {
		const res = await fetch(`${base}/healthz`);
		expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('public pages ship no script at all', async () => {
		const html = await (await fetch(`${base}/fr/communes?q=seraing`)).text();
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/modulepreload/i);
	});
});

describe('health and errors', () => {
	it('/healthz says the database answers', async () => {
		const res = await fetch(`${base}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'ok', database: { engine: expect.stringMatching(/pglite|postgres/) } });
	});

	it('an unknown page answers 404 in the language of its URL', async () => {
		const res = await fetch(`${base}/ar/nulle-part`);
		expect(res.status).toBe(404);
		const html = await res.text();
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(decode(html)).toContain(catalogue('ar')['error.notFound.title']);
	});

	it('an unknown language is a 404, not a crash', async () => {
		expect((await fetch(`${base}/xx/communes`)).status).toBe(404);
	});

	it('a hostile query string gets a clear answer, never a 500', async () => {
		for (const q of ['%27%3B%20drop%20table%20municipality%3B--', 'a'.repeat(5000), '%E2%80%AE%00', '%25_%25']) {
			const res = await fetch(`${base}/fr/communes?q=${q}`);
			expect(res.status, q.slice(0, 20)).toBe(200);
		}
		const html = await (await fetch(`${base}/fr/communes?q=x`)).text();
		expect(decode(html)).toContain(catalogue('fr')['communes.search.tooShort']);
	});
});

describe('demo accounts', () => {
	it('exist in demo mode and sign in (README: password passerelle-demo)', async () => {
		const res = await fetch(`${base}/fr/pro/connexion`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ email: 'ili.travailleur@demo.passerelle.be', password: 'passerelle-demo' })
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/fr/pro');
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/passerelle_session=[\w-]{40,}/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		const home = await fetch(`${base}/fr/pro`, { headers: { cookie: cookie.split(';')[0]! } });
		expect(decode(await home.text())).toContain('Maison des Langues de Seraing (fictive)');
	});

	it('a wrong password is refused with a 400 and the same message as an unknown address', async () => {
		const post = (email: string) =>
			fetch(`${base}/ar/pro/connexion`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: new URLSearchParams({ email, password: 'not the password' }) });
		const wrong = await post('cisp@demo.passerelle.be');
		const unknown = await post('nobody@demo.passerelle.be');
		expect([wrong.status, unknown.status]).toEqual([400, 400]);
		const message = catalogue('ar')['pro.signIn.invalid'];
		expect(decode(await wrong.text())).toContain(message);
		expect(decode(await unknown.text())).toContain(message);
	});
});

describe('cross-site form posts', () => {
	it('a form posted from this very host over plain http is accepted (no ORIGIN set); another host is refused', async () => {
		const post = (origin: string) =>
			fetch(`${base}/fr/pro/connexion`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
				body: new URLSearchParams({ email: 'ili.lecteur@demo.passerelle.be', password: 'passerelle-demo' })
			});
		expect((await post(base)).status).toBe(303);
		const refused = await post('http://evil.example');
		expect(refused.status).toBe(403);
		expect(decode(await refused.text())).toContain(catalogue('fr')['error.crossSite.title']);
	});
});
