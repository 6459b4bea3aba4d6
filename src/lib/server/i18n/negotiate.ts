import Negotiator from 'negotiator';
import { locales, sourceLocale, type Locale } from '$lib/i18n/locales';

/**
 * The best UI language for an Accept-Language header; French when none fits.
 * "ar-MA,fr;q=0.5" -> ar; "pt-BR" -> fr. Regional variants match their base language.
 */
export function negotiateLocale(acceptLanguage: string | null): Locale {
	if (!acceptLanguage) return sourceLocale;
	const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguage.slice(0, 500) } });
	const preferred = negotiator.languages([...locales]);
	return (preferred[0] as Locale | undefined) ?? sourceLocale;
}
