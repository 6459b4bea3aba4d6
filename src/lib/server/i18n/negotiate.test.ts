import { describe, expect, it } from 'vitest';
import { localisedPath } from '$lib/i18n/locales';
import { messagesFor } from './catalogues';
import { negotiateLocale } from './negotiate';

describe('choosing the language', () => {
	it.each([
		[null, 'fr'],
		['', 'fr'],
		['ar', 'ar'],
		['ar-SY,ar;q=0.9,en;q=0.5', 'ar'],
		['ps-AF', 'ps'],
		['ti-ER', 'ti'],
		['es-419', 'es'],
		['pt-BR,pt;q=0.9', 'fr'],
		['en;q=0.1,nl;q=0.8', 'nl'],
		['*', 'fr'],
		['%%%;;q=x,,', 'fr']
	])('Accept-Language %j -> %s', (header, expected) => {
		expect(negotiateLocale(header)).toBe(expected);
	});

	it('links the same page in another language, keeping the query', () => {
		expect(localisedPath('/fr/communes', '?q=Ougr%C3%A9e', 'ar')).toBe('/ar/communes?q=Ougr%C3%A9e');
		expect(localisedPath('/uk', '', 'fr')).toBe('/fr');
		expect(localisedPath('/', '', 'de')).toBe('/de');
		expect(localisedPath('/healthz', '', 'en')).toBe('/en/healthz');
	});

	it('gives a page only the namespaces it asks for, in its language', () => {
		const messages = messagesFor('uk', ['home.']);
		expect(Object.keys(messages).every((k) => k.startsWith('home.'))).toBe(true);
		expect(messages['home.heading']).not.toBe(messagesFor('fr', ['home.'])['home.heading']);
	});
});
