const formatters = new Map<string, Intl.DateTimeFormat>();

/** Dates as people in Belgium read them: Brussels time, Gregorian calendar, in the page's language. */
export function formatDate(locale: string, date: Date, style: { dateStyle?: 'short' | 'medium' | 'long'; timeStyle?: 'short' | 'medium' } = { dateStyle: 'medium' }): string {
	// Creating a formatter costs about a hundred times more than using one: a timeline page formats dozens of dates.
	const key = `${locale}|${style.dateStyle ?? ''}|${style.timeStyle ?? ''}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { ...style, timeZone: 'Europe/Brussels' });
		if (formatters.size < 500) formatters.set(key, format);
	}
	return format.format(date);
}
