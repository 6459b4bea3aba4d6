import { isLocale, sourceLocale, type Locale } from '$lib/i18n/locales';
import { createTranslator, type Translate } from '$lib/i18n/translator';
import { catalogues } from './catalogues';

const cache = new Map<Locale, Translate>();

/** A translator over a whole catalogue, for server-side texts (e-mails, error pages, exports). */
export function serverTranslator(locale: string): Translate {
	const l = isLocale(locale) ? locale : sourceLocale;
	let t = cache.get(l);
	if (!t) {
		t = createTranslator(l, { ...catalogues[sourceLocale], ...catalogues[l] });
		cache.set(l, t);
	}
	return t;
}
