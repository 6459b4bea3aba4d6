/** A language's name in the page's language ("ar" → "arabe" on a French page). */
export function languageName(code: string, locale: string, signLanguageLabel: string): string {
	if (code.startsWith('sgn')) return signLanguageLabel;
	try {
		return new Intl.DisplayNames([locale, 'fr'], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
