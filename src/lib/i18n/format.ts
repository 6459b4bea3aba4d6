/** Dates as people in Belgium read them: Brussels time, Gregorian calendar, in the page's language. */
export function formatDate(locale: string, date: Date, style: { dateStyle?: 'short' | 'medium' | 'long'; timeStyle?: 'short' | 'medium' } = { dateStyle: 'medium' }): string {
	return new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { ...style, timeZone: 'Europe/Brussels' }).format(date);
}
