/**
 * What the one-way channel ("canal muet") needs to know about an activity of the agenda. The agenda
 * domain builds it (agenda.broadcast.ts); the broadcast domain composes and posts the messages.
 */
export type BroadcastChange = 'published' | 'updated' | 'cancelled';

export type BroadcastEvent = {
	id: string;
	/** published or cancelled; a withdrawn (unpublished) event is reported as cancelled. */
	status: 'published' | 'cancelled';
	/** Title and short description per locale (only locales with a reviewed or source text). */
	title: Record<string, string>;
	summary: Record<string, string>;
	/** Absolute URL of the public event page, per locale. */
	url: Record<string, string>;
	category: string;
	/** Next occurrence (or the single one), in UTC; the composer formats it in Europe/Brussels. */
	startsAt: Date;
	endsAt: Date | null;
	allDay: boolean;
	/** A human text of the recurrence per locale ("every Tuesday until 30 June"), if recurring. */
	recurrence: Record<string, string> | null;
	place: string | null;
	municipality: string | null;
	online: boolean;
	free: boolean;
	price: string | null;
	languages: string[];
	childcare: boolean;
	interpreter: boolean;
	wheelchair: boolean;
	registrationUrl: string | null;
};

/** How the broadcast domain reads events: implemented by the agenda domain, injected in tests. */
export type BroadcastEventSource = {
	loadEvent(id: string): Promise<BroadcastEvent | null>;
	/** Published events with an occurrence in [from, to), for the weekly digest. */
	listEvents(from: Date, to: Date): Promise<BroadcastEvent[]>;
};
