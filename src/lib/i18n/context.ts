import { getContext, setContext } from 'svelte';
import { directionOf, type Locale } from './locales';
import { createTranslator, type Messages, type Translate } from './translator';

const KEY = Symbol('i18n');

export type I18n = { locale: Locale; dir: 'ltr' | 'rtl'; t: Translate };

/** Called once by the root layout with the catalogue its load returned. */
export function provideI18n(get: () => { locale: Locale; messages: Messages }): void {
	let cached: { source: unknown; value: I18n } | undefined;
	setContext<{ readonly current: I18n }>(KEY, {
		get current() {
			const { locale, messages } = get();
			if (cached?.source !== messages) {
				cached = { source: messages, value: { locale, dir: directionOf(locale), t: createTranslator(locale, messages) } };
			}
			return cached.value;
		}
	});
}

/** The current language and its translator, in any component below the root layout. */
export function useI18n(): { readonly current: I18n } {
	return getContext(KEY);
}
