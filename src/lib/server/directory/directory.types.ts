import type { Exception, Slot } from './hours';

/**
 * outdated: a reviewed translation whose French source changed since; kept for editors to
 * update or confirm, never shown to the public (snapshots leave it out, pick() skips it).
 */
export const translationStatuses = ['source', 'machine', 'reviewed', 'outdated'] as const;
export type TranslationStatus = (typeof translationStatuses)[number];
/** A free-text field in several languages; a language without an entry is "missing". */
export type Localised = Record<string, { text: string; status: TranslationStatus }>;

export const audiences = ['asylum_seeker', 'refugee', 'undocumented', 'mena'] as const;
export const accessModes = ['walk_in', 'appointment', 'registration', 'referral'] as const;
export const welcomeTypes = ['unconditional', 'preferential', 'exclusive'] as const;
export const capacities = ['available', 'waiting_list', 'full'] as const;

/** What the public sees of a service: a snapshot taken when a directory editor publishes it. */
export type PublishedService = {
	id: string;
	organisation: { id: string; name: string; kind: string };
	name: Localised;
	description: Localised;
	documents: Localised;
	feeDetails: Localised;
	needs: string[];
	welcomeType: (typeof welcomeTypes)[number];
	ageMin: number | null;
	ageMax: number | null;
	gender: 'any' | 'women' | 'men';
	audiences: string[];
	accessModes: string[];
	free: boolean;
	childcare: boolean;
	wheelchair: boolean;
	capacity: string | null;
	languages: string[];
	eligibleNis: string[];
	locations: { id: string; name: string | null; street: string; postalCode: string; nisCode: string; municipality: string; lat: number | null; lon: number | null }[];
	hours: Slot[];
	closedOnPublicHolidays: boolean;
	exceptions: (Exception & { message: Localised })[];
	email: string | null;
	phone: string | null;
	url: string | null;
	lastVerifiedAt: string | null;
	publishedAt: string;
	updatedAt: string;
};

/** The text of a field in a language, or the French source with a flag saying so. */
export function pick(field: Localised, locale: string): { text: string; lang: string; status: TranslationStatus; fallback: boolean } | null {
	const own = field[locale];
	if (own && own.status !== 'outdated') return { ...own, lang: locale, fallback: false };
	const source = field.fr ?? Object.entries(field).find(([, v]) => v.status === 'source')?.[1];
	if (!source) return null;
	const lang = field.fr ? 'fr' : Object.entries(field).find(([, v]) => v === source)![0];
	return { ...source, lang, fallback: true };
}
