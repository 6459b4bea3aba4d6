import { isLocale, locales, sourceLocale, type Locale } from '$lib/i18n/locales';
import { CatalogueSlice } from '$lib/i18n/catalogue-slice';
import type { Messages } from '$lib/i18n/translator';

const files = import.meta.glob<Messages>('../../i18n/messages/*.json', { eager: true, import: 'default' });

/** Every catalogue, by locale. */
export const catalogues: Record<Locale, Messages> = Object.fromEntries(
	locales.map((locale) => {
		const entry = Object.entries(files).find(([path]) => path.endsWith(`/${locale}.json`));
		return [locale, entry?.[1] ?? {}];
	})
) as Record<Locale, Messages>;

const slices = new Map<string, CatalogueSlice>();

/**
 * The messages a page needs in one language, keys starting with one of `prefixes`
 * (e.g. "common.", "home."); a key missing in that language falls back to French. Every request
 * asks for one of a few slices: each is computed once and kept, so callers must not change it.
 */
export function messagesFor(locale: Locale, prefixes: readonly string[]): Messages {
	return catalogueSlice(locale, prefixes).messages;
}

/** The same messages, wrapped for a layout's load (see CatalogueSlice). */
export function catalogueSlice(locale: Locale, prefixes: readonly string[]): CatalogueSlice {
	const cacheKey = `${locale}\u0000${prefixes.join('\u0000')}`;
	const cached = slices.get(cacheKey);
	if (cached) return cached;
	const source = catalogues[sourceLocale];
	const target = isLocale(locale) ? catalogues[locale] : source;
	const picked: Messages = {};
	for (const key of Object.keys(source)) {
		if (prefixes.some((p) => key.startsWith(p))) picked[key] = target[key] ?? source[key]!;
	}
	const slice = new CatalogueSlice(cacheKey.replaceAll('\u0000', ' '), picked);
	if (slices.size < 200) slices.set(cacheKey, slice);
	return slice;
}
