import { locales } from '$lib/i18n/locales';
import { recurrenceText } from '$lib/agenda/format';
import type { BroadcastEvent, BroadcastEventSource } from '../broadcast/broadcast.types';
import type { Database } from '../db/client';
import type { Localised } from '../directory/directory.types';
import { serverTranslator } from '../i18n/server-translator';
import { factsOf, placeLine } from './agenda.presenter';
import { createAgendaRepository, timingOf } from './agenda.repository';
import type { PublishedEvent } from './agenda.types';
import { expandTiming, upcoming, type Occurrence } from './recurrence';

const SUMMARY_MAX = 280;

/** Texts a person wrote or checked (source, reviewed): a channel post never carries a machine translation. */
function humanTexts(field: Localised, shorten = false): Record<string, string> {
	return Object.fromEntries(
		Object.entries(field)
			.filter(([, v]) => v.status === 'source' || v.status === 'reviewed')
			.map(([locale, v]) => [locale, shorten ? shortened(v.text) : v.text])
	);
}

/** At most SUMMARY_MAX characters, cut at a word, with an ellipsis. */
export function shortened(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= SUMMARY_MAX) return flat;
	const cut = flat.slice(0, SUMMARY_MAX - 1);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_MAX / 2)).trimEnd()}…`;
}

/** What the channel needs of one activity, at one of its dates. */
function toBroadcast(e: PublishedEvent, when: Occurrence | { start: Date; end: Date | null; allDay: boolean } | undefined, baseUrl: string): BroadcastEvent {
	const facts = factsOf(e.rrule);
	return {
		id: e.id,
		status: e.status,
		title: humanTexts(e.title),
		summary: humanTexts(e.description, true),
		url: Object.fromEntries(locales.map((l) => [l, `${baseUrl}/${l}/agenda/${e.id}`])),
		category: e.category,
		startsAt: when?.start ?? new Date(`${e.startDate}T00:00:00Z`),
		endsAt: when?.end ?? null,
		allDay: e.startTime === null,
		recurrence: facts ? Object.fromEntries(locales.map((l) => [l, recurrenceText(facts, l, serverTranslator(l))!])) : null,
		place: e.online ? null : placeLine(e),
		municipality: e.place?.municipality ?? null,
		online: e.online,
		free: e.free,
		price: e.free ? null : (e.price.fr?.text ?? null),
		languages: e.languages,
		childcare: e.childcare,
		interpreter: e.interpreter,
		wheelchair: e.wheelchair,
		registrationUrl: e.registrationUrl
	};
}

/**
 * The agenda as the broadcast queue reads it. `loadEvent`: the public snapshot of an activity
 * (published or cancelled) at its next date, or its last one once all are past; null for an
 * activity never published. `listEvents`: every published, not cancelled, date in [from, to),
 * one entry per date (a weekly activity appears once per week of a digest), in time order.
 */
export function createAgendaBroadcastSource({ db, baseUrl, now = () => new Date() }: { db: Database; baseUrl: string; now?: () => Date }): BroadcastEventSource {
	const repo = createAgendaRepository({ db });
	const base = baseUrl.replace(/\/+$/, '');
	return {
		async loadEvent(id: string) {
			if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
			const e = await repo.publishedById(id);
			if (!e) return null;
			const expanded = expandTiming(timingOf(e));
			const all = expanded.ok ? expanded.occurrences : [];
			return toBroadcast(e, upcoming(all, now(), 1)[0] ?? all[all.length - 1], base);
		},
		async listEvents(from: Date, to: Date) {
			const dates = await repo.occurrencesBetween(from, to, {}, 2000);
			return dates.filter((d) => !d.cancelled && d.event.status === 'published' && d.start >= from).map((d) => toBroadcast(d.event, d, base));
		}
	};
}
