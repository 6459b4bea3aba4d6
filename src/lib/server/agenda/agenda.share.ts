import { occurrenceText } from '$lib/agenda/format';
import type { BroadcastEvent } from '../broadcast/broadcast.types';
import { serverTranslator } from '../i18n/server-translator';

/**
 * A ready-to-paste post for a WhatsApp channel (WhatsApp Channels have no API): one block per
 * channel language, with the title and summary when someone wrote or checked them in that
 * language (else the French), the date in that language, the place, the price and the link.
 * WhatsApp shows *text* in bold.
 */
export function whatsappText(e: BroadcastEvent, channelLocales: string[]): string {
	const blocks = channelLocales.map((locale) => {
		const t = serverTranslator(locale);
		const title = e.title[locale] ?? e.title.fr ?? Object.values(e.title)[0] ?? '';
		const summary = e.summary[locale] ?? e.summary.fr ?? '';
		const lines = [
			e.status === 'cancelled' ? `*${t('agenda.share.cancelled')}* ${title}` : `*${title}*`,
			`📅 ${occurrenceText(e.startsAt, e.endsAt, e.allDay, locale)}${e.recurrence?.[locale] ? ` — ${e.recurrence[locale]}` : ''}`,
			e.online ? `💻 ${t('agenda.event.online')}` : e.place ? `📍 ${e.place}` : null,
			`💶 ${e.free ? t('agenda.event.free') : (e.price ?? t('agenda.event.paid'))}`,
			summary || null,
			`👉 ${e.url[locale] ?? e.url.fr}`
		];
		return lines.filter(Boolean).join('\n');
	});
	return blocks.join('\n\n— — —\n\n');
}

/** A link that opens WhatsApp with the text ready to send or post. */
export const whatsappShareLink = (text: string) => `https://wa.me/?text=${encodeURIComponent(text)}`;
