// Test helper: believable agenda events as the agenda domain would hand them to the channel.
import { randomUUID } from 'node:crypto';
import type { BroadcastEvent, BroadcastEventSource } from './broadcast.types';

export function sampleEvent(over: Partial<BroadcastEvent> = {}): BroadcastEvent {
	const id = over.id ?? randomUUID();
	return {
		id,
		status: 'published',
		title: { fr: 'Table de conversation en français', en: 'Conversation table in French', ar: 'طاولة محادثة بالفرنسية' },
		summary: { fr: 'Pratiquer le français en petit groupe, avec un café.', en: 'Practise French in a small group, with a coffee.' },
		url: {
			fr: 'https://passerelle.example.be/fr/agenda/table-fr',
			en: 'https://passerelle.example.be/en/agenda/table-fr',
			ar: 'https://passerelle.example.be/ar/agenda/table-fr'
		},
		category: 'conversation_table',
		startsAt: new Date('2026-03-12T17:30:00Z'),
		endsAt: new Date('2026-03-12T19:00:00Z'),
		allDay: false,
		recurrence: null,
		place: 'Maison des Langues, rue du Pont 5',
		municipality: 'Seraing',
		online: false,
		free: true,
		price: null,
		languages: ['fr', 'ar'],
		childcare: true,
		interpreter: false,
		wheelchair: true,
		registrationUrl: null,
		...over
	};
}

/** A BroadcastEventSource over plain objects: what the agenda's tables would answer. */
export function memorySource(events: Map<string, BroadcastEvent>, onLoad?: (id: string) => void | Promise<void>): BroadcastEventSource {
	return {
		async loadEvent(id) {
			await onLoad?.(id);
			const event = events.get(id);
			return event ? structuredClone(event) : null;
		},
		async listEvents(from, to) {
			return [...events.values()].filter((e) => e.status === 'published' && e.startsAt >= from && e.startsAt < to).map((e) => structuredClone(e));
		}
	};
}
