import { localeNames, type Locale } from '$lib/i18n/locales';
import { languageName } from '$lib/i18n/language-names';
import { serverTranslator } from '../i18n/server-translator';
import type { BroadcastEvent } from './broadcast.types';
import { clip, clipParagraphs, escapeHtml, link, safeUrl, TELEGRAM_TEXT_LIMIT, visibleLength } from './broadcast.html';
import { formatShort, formatWeek, formatWhen } from './broadcast.time';

/**
 * One channel message per event, carrying every channel language one block after the other
 * (in TELEGRAM_CHANNEL_LOCALES order): followers see one post per activity, a change edits one
 * message, and the 20-a-minute budget serves 20 activities. Texts missing in a language fall back
 * to French. Everything typed by organisers is escaped for Telegram's HTML mode.
 */

/** A text in the reader's language, else French, else any. */
export function pick(texts: Record<string, string> | null | undefined, locale: string): string {
	if (!texts) return '';
	return texts[locale] || texts.fr || Object.values(texts).find(Boolean) || '';
}

type Limits = { summary: number };

function block(event: BroadcastEvent, locale: Locale, cancelled: boolean, limits: Limits, heading: boolean): string {
	const t = serverTranslator(locale);
	const lines: string[] = [];
	if (heading) lines.push(`🌐 <i>${escapeHtml(localeNames[locale])}</i>`);
	const title = escapeHtml(clip(pick(event.title, locale), 200));
	if (cancelled) {
		lines.push(`❌ <b>${escapeHtml(t('broadcast.cancelled').toLocaleUpperCase(locale))}</b>`);
		lines.push(`<s><b>${title}</b></s>`);
	} else {
		lines.push(`<b>${title}</b>`);
		const summary = clipParagraphs(pick(event.summary, locale), limits.summary);
		if (summary) lines.push(escapeHtml(summary));
		lines.push('');
	}
	const when = formatWhen(locale, event.startsAt, event.endsAt, event.allDay);
	lines.push(`🗓 ${cancelled ? `<s>${escapeHtml(when)}</s>` : escapeHtml(when)}`);
	const recurrence = clip(pick(event.recurrence, locale), 200);
	if (recurrence && !cancelled) lines.push(`🔁 ${escapeHtml(recurrence)}`);
	const where = event.online
		? [t('broadcast.online'), clip(event.place, 200)].filter(Boolean).join(' · ')
		: [clip(event.place, 200), clip(event.municipality, 100)].filter(Boolean).join(', ');
	if (where) lines.push(`📍 ${escapeHtml(where)}`);
	if (!cancelled) {
		const price = event.free ? t('broadcast.free') : event.price ? t('broadcast.price', { price: clip(event.price, 100) }) : '';
		if (price) lines.push(`💶 ${escapeHtml(price)}`);
		if (event.languages.length > 0) {
			const names = event.languages.slice(0, 12).map((code) => languageName(code, locale, t('broadcast.signLanguage')));
			const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
			lines.push(`🗣 ${escapeHtml(t('broadcast.languages', { languages: list }))}`);
		}
		const marks = [
			event.childcare ? `🧸 ${t('broadcast.childcare')}` : '',
			event.interpreter ? `🤝 ${t('broadcast.interpreter')}` : '',
			event.wheelchair ? `♿ ${t('broadcast.wheelchair')}` : ''
		].filter(Boolean);
		for (const mark of marks) lines.push(escapeHtml(mark));
		if (safeUrl(event.registrationUrl)) lines.push(`✍️ ${link(event.registrationUrl, t('broadcast.registration'))}`);
	}
	const url = pick(event.url, locale);
	if (safeUrl(url)) lines.push(`🔗 ${link(url, t('broadcast.details'))}`);
	return lines.join('\n');
}

function assemble(event: BroadcastEvent, locales: Locale[], cancelled: boolean, limits: Limits): string {
	const heading = locales.length > 1;
	return locales.map((l) => block(event, l, cancelled, limits, heading)).join('\n\n〰️〰️〰️\n\n');
}

/**
 * The HTML text of an event's message in the channel's languages (a cancelled one strikes the
 * title and says so). Within 4096 visible characters: descriptions are shortened first, then the
 * last languages dropped (the first one always stays).
 */
export function composeEventMessage(event: BroadcastEvent, locales: Locale[], options: { cancelled?: boolean } = {}): string {
	const cancelled = options.cancelled ?? event.status === 'cancelled';
	const list = locales.length > 0 ? locales : (['fr'] as Locale[]);
	for (let n = list.length; n >= 1; n--) {
		for (const summary of [800, 400, 200, 80, 0]) {
			const text = assemble(event, list.slice(0, n), cancelled, { summary });
			if (visibleLength(text) <= TELEGRAM_TEXT_LIMIT) return text;
		}
	}
	// Unreachable with the caps above (one language, no description, every field clipped).
	return assemble(event, list.slice(0, 1), cancelled, { summary: 0 }).slice(0, TELEGRAM_TEXT_LIMIT);
}

export type DigestInput = {
	events: BroadcastEvent[];
	locales: Locale[];
	week: { start: Date; end: Date };
	/** The public agenda in a language, for "all the agenda". */
	agendaUrl: (locale: Locale) => string;
};

/**
 * The weekly digest: per channel language, the week's activities in time order (date, linked
 * title, municipality), as many as fit in that language's share of 4096 characters, then a link
 * to the agenda naming how many more there are.
 */
export function composeDigest({ events, locales, week, agendaUrl }: DigestInput): string {
	const list = locales.length > 0 ? locales : (['fr'] as Locale[]);
	const sorted = [...events].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
	const separator = '\n\n〰️〰️〰️\n\n';
	const share = Math.floor((TELEGRAM_TEXT_LIMIT - separator.length * (list.length - 1)) / list.length);
	const blocks = list.map((locale) => {
		const t = serverTranslator(locale);
		const head = `📅 <b>${escapeHtml(t('broadcast.digest.title', { dates: formatWeek(locale, week.start, week.end) }))}</b>\n`;
		const lines: string[] = [];
		let used = visibleLength(head);
		// Room kept for the closing link ("12 more activities in the agenda").
		const reserve = 80;
		let shown = 0;
		for (const event of sorted) {
			const place = event.online ? t('broadcast.online') : clip(event.municipality, 40);
			const line = `• <b>${escapeHtml(formatShort(locale, event.startsAt, event.allDay))}</b> — ${link(pick(event.url, locale), clip(pick(event.title, locale), 90))}${place ? ` · ${escapeHtml(place)}` : ''}`;
			const size = visibleLength(line) + 1;
			if (used + size + reserve > share) break;
			lines.push(line);
			used += size;
			shown++;
		}
		const more = sorted.length - shown;
		const closing = more > 0 ? t('broadcast.digest.more', { count: more }) : t('broadcast.digest.agenda');
		return `${head}${lines.join('\n')}\n\n➡️ ${link(agendaUrl(locale), clip(closing, reserve - 4))}`;
	});
	return blocks.join(separator);
}
