import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from './locales';

/** A flat catalogue: "home.title" -> ICU MessageFormat text. */
export type Messages = Record<string, string>;
export type Values = Record<string, string | number | Date>;
export type Translate = (key: string, values?: Values) => string;

/**
 * A translator over one catalogue. Messages are ICU MessageFormat (plurals with every CLDR form:
 * Arabic's zero/one/two/few/many/other included) and are compiled once, on first use.
 */
export function createTranslator(locale: Locale, messages: Messages): Translate {
	const compiled = new Map<string, IntlMessageFormat>();
	return (key, values) => {
		const text = messages[key];
		if (text === undefined) return key;
		let format = compiled.get(key);
		if (!format) {
			// Belgian dates: the Gregorian calendar in every language (Persian and Pashto default to another).
			format = new IntlMessageFormat(text, `${locale}-u-ca-gregory`, undefined, { ignoreTag: true });
			compiled.set(key, format);
		}
		return String(format.format(values));
	};
}
