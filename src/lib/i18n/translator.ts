import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from './locales';

/** A flat catalogue: "home.title" -> ICU MessageFormat text. */
export type Messages = Record<string, string>;
export type Values = Record<string, string | number | Date>;
export type Translate = (key: string, values?: Values) => string;

/** Compiled messages, kept with the catalogue they came from: catalogue slices live as long as the process. */
const compiledBy = new WeakMap<Messages, Map<string, IntlMessageFormat>>();

/**
 * A translator over one catalogue. Messages are ICU MessageFormat (plurals with every CLDR form:
 * Arabic's zero/one/two/few/many/other included) and are compiled once, on first use, for every
 * translator over the same catalogue object (compiling resolves the locale, which is costly).
 */
export function createTranslator(locale: Locale, messages: Messages): Translate {
	let compiled = compiledBy.get(messages);
	if (!compiled) compiledBy.set(messages, (compiled = new Map()));
	const cache = compiled;
	return (key, values) => {
		const text = messages[key];
		if (text === undefined) return key;
		const id = `${locale}\u0000${key}`;
		let format = cache.get(id);
		if (!format) {
			// Belgian dates: the Gregorian calendar in every language (Persian and Pashto default to another).
			format = new IntlMessageFormat(text, `${locale}-u-ca-gregory`, undefined, { ignoreTag: true });
			cache.set(id, format);
		}
		return String(format.format(values));
	};
}
