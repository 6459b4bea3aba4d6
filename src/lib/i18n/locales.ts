/** The UI languages. French is the source; the others are translations of fr.json. */
export const locales = ['fr', 'nl', 'de', 'en', 'ar', 'fa', 'ps', 'uk', 'ru', 'tr', 'es', 'ti'] as const;
export type Locale = (typeof locales)[number];

export const sourceLocale: Locale = 'fr';

/** Each language named in itself, for the language switcher. */
export const localeNames: Record<Locale, string> = {
	fr: 'Français',
	nl: 'Nederlands',
	de: 'Deutsch',
	en: 'English',
	ar: 'العربية',
	fa: 'فارسی',
	ps: 'پښتو',
	uk: 'Українська',
	ru: 'Русский',
	tr: 'Türkçe',
	es: 'Español',
	ti: 'ትግርኛ'
};

const rightToLeft: ReadonlySet<Locale> = new Set(['ar', 'fa', 'ps']);

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
	return rightToLeft.has(locale) ? 'rtl' : 'ltr';
}

/** The same page in another language: /fr/communes?q=x -> /ar/communes?q=x. */
export function localisedPath(pathname: string, search: string, locale: Locale): string {
	const rest = pathname.replace(/^\/[^/]+/, (first) => (isLocale(first.slice(1)) ? '' : first));
	return `/${locale}${rest === '/' ? '' : rest}${search}`;
}
