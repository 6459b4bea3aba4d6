import { directionOf, isLocale, type Locale } from '$lib/i18n/locales';
import { createTranslator, type Translate } from '$lib/i18n/translator';
import { fontsFor } from '../../directory/booklet';
import { typeset } from '../../directory/typesetter';
import { messagesFor } from '../../i18n/catalogues';
import type { ExportBlock, ExportContext } from './export-parts';
import template from './rights.typ?raw';

/**
 * The person's printable documents (access statement, export) as one simple model: a title,
 * a few lines under it, paragraphs, then parts made of blocks (labelled fields, tables, text).
 * Typeset by Typst in the typesetting worker (directory/typesetter.ts) with the shipped Noto
 * fonts: Arabic, Persian and Pashto right to left, Tigrinya in Ethiopic script.
 */
export type RightsDocument = {
	lang: Locale;
	rtl: boolean;
	fonts: string[];
	title: string;
	author: string;
	strings: { site: string; footer: string; empty: string };
	subtitle: string[];
	intro: string[];
	parts: { title: string; blocks: ExportBlock[] }[];
};

/** The translator of the person's documents: the case-file keys and the common ones, in `locale`. */
export function documentTranslator(locale: Locale): Translate {
	return createTranslator(locale, messagesFor(locale, ['common.', 'pro.cases.', 'pro.referrals.', 'pro.parcours.', 'needs.', 'courses.']));
}

/** What an export provider or the statement needs to write in the person's language. */
export function documentContext(locale: Locale, now: Date): ExportContext {
	const t = documentTranslator(locale);
	// One formatter each (an access log can hold thousands of dates): Brussels time, Gregorian calendar.
	const day = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { dateStyle: 'long', timeZone: 'Europe/Brussels' });
	const moment = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' });
	return {
		locale,
		t,
		now,
		date: (value) => {
			if (value === null || value === undefined || value === '') return '';
			// An ISO day ("2026-05-04") is a calendar day, not a moment: read it at noon UTC.
			const d = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value) : value;
			return day.format(d);
		},
		dateTime: (value) => (value ? moment.format(value) : '')
	};
}

/** The frame every document shares: fonts and direction of the language, site name, print date. */
export function documentFrame(ctx: ExportContext, { title, subtitle, intro }: { title: string; subtitle: string[]; intro: string[] }): Omit<RightsDocument, 'parts'> {
	const site = ctx.t('common.siteName');
	return {
		lang: ctx.locale,
		rtl: directionOf(ctx.locale) === 'rtl',
		fonts: fontsFor(ctx.locale),
		title,
		author: site,
		strings: { site, footer: `${site} — ${title} — ${ctx.t('pro.cases.rights.printed', { date: ctx.date(ctx.now) })}`, empty: ctx.t('pro.cases.rights.nothingHeld') },
		subtitle,
		intro
	};
}

export function renderRightsPdf(doc: RightsDocument, now: Date): Promise<Buffer> {
	return typeset(template, JSON.stringify(doc), now);
}

/** The person's language for their documents: the first preferred language that is a UI locale, else French. */
export function documentLocale(preferred: readonly string[]): Locale {
	for (const code of preferred) {
		const base = code.toLowerCase().split(/[-_]/)[0]!;
		if (isLocale(base)) return base;
	}
	return 'fr';
}

/** An ASCII file name: passerelle-<what>-<reference>-<lang>.<ext>. */
export function documentFileName(what: string, caseFileId: string, locale: Locale, ext: 'pdf' | 'json'): string {
	return `passerelle-${what}-${caseFileId.slice(0, 8)}-${locale}.${ext}`;
}
