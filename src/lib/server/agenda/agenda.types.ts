import type { Localised } from '../directory/directory.types';

export const categories = ['intercultural', 'cultural', 'sport', 'information', 'conversation', 'training', 'visit', 'other'] as const;
export type Category = (typeof categories)[number];
export const audiences = ['all', 'women', 'youth', 'families', 'children', 'seniors'] as const;
export type Audience = (typeof audiences)[number];
export const eventStatuses = ['draft', 'submitted', 'returned', 'published', 'cancelled', 'declined'] as const;
export type EventStatus = (typeof eventStatuses)[number];

/** The languages the forms offer (French is always offered first). */
export const spokenLanguages = ['fr', 'nl', 'de', 'en', 'ar', 'fa', 'ps', 'uk', 'ru', 'tr', 'es', 'ti', 'so', 'ln', 'sq', 'ro', 'pl', 'it', 'pt', 'sgn-BE-fr'] as const;

/** The translatable free texts of an activity, with their length limits. */
export const eventTextFields = [
	{ field: 'title', maxLength: 160 },
	{ field: 'description', maxLength: 3000 },
	{ field: 'price', maxLength: 200 },
	{ field: 'image_alt', maxLength: 300 }
] as const;
export const EVENT_ENTITY = 'agenda_event';

/** What the public sees of an activity: a snapshot taken when a moderator publishes it. */
export type PublishedEvent = {
	id: string;
	status: 'published' | 'cancelled';
	organiser: { organisationId: string | null; name: string };
	title: Localised;
	description: Localised;
	price: Localised;
	imageAlt: Localised;
	category: string;
	startDate: string;
	startTime: string | null;
	endDate: string | null;
	endTime: string | null;
	rrule: string | null;
	exdates: string[];
	online: boolean;
	onlineUrl: string | null;
	place: { name: string | null; street: string | null; postalCode: string | null; nisCode: string | null; municipality: string | null } | null;
	free: boolean;
	registration: 'none' | 'required';
	registrationUrl: string | null;
	registrationPhone: string | null;
	languages: string[];
	interpreter: boolean;
	childcare: boolean;
	wheelchair: boolean;
	audience: string;
	url: string | null;
	image: { id: string; width: number; height: number; smallWidth: number; smallHeight: number } | null;
	publishedAt: string;
	updatedAt: string;
	cancelledAt: string | null;
};
