import type { PublishedService } from './directory.types';

/** Published and unverified for longer than this: a notice on the public page and a marker on its card. */
export const STALE_MONTHS = 18;

export function monthsBefore(now: Date, months: number): Date {
	const d = new Date(now);
	d.setUTCMonth(d.getUTCMonth() - months);
	return d;
}

/**
 * Information unchecked for over 18 months: the last verification, or for a service never
 * verified its last publication (the snapshot's date), is older than that.
 */
export function isStale(s: Pick<PublishedService, 'lastVerifiedAt' | 'publishedAt'>, now: Date): boolean {
	const since = s.lastVerifiedAt ?? s.publishedAt;
	return Boolean(since) && new Date(since) < monthsBefore(now, STALE_MONTHS);
}
