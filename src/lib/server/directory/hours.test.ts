import OpeningHours from 'opening_hours';
import { describe, expect, it } from 'vitest';
import { belgianHolidays, hasEvening, hasWeekend, openingState, toOpeningHours, type Slot } from './hours';

const week: Slot[] = [
	...[1, 2, 3, 4, 5].flatMap((d) => [
		{ weekday: d, opensAt: '09:00', closesAt: '12:00' },
		{ weekday: d, opensAt: '13:00', closesAt: '16:30' }
	]),
	{ weekday: 2, opensAt: '18:00', closesAt: '20:30' },
	{ weekday: 6, opensAt: '10:00', closesAt: '12:00' }
];

describe('opening hours', () => {
	it('knows the ten Belgian public holidays, Easter-based ones included', () => {
		const h = belgianHolidays(2026);
		expect([...h].sort()).toEqual(['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']);
	});

	it('derives evening and weekend hours', () => {
		expect([hasEvening(week), hasWeekend(week)]).toEqual([true, true]);
		expect(hasEvening(week.filter((s) => s.opensAt < '18:00'))).toBe(false);
	});

	it('says open until when, or when it opens next, in Brussels time, skipping holidays', () => {
		// Wednesday 2026-12-02 10:00 in Brussels (09:00 UTC).
		expect(openingState(week, [], true, new Date('2026-12-02T09:00:00Z'))).toEqual({ open: true, closesAt: '12:00' });
		expect(openingState(week, [], true, new Date('2026-12-02T11:30:00Z'))).toEqual({ open: false, next: { date: '2026-12-02', weekday: 3, opensAt: '13:00' } });
		// Thursday 24 December after closing: Friday 25 is Christmas, so Saturday 26.
		expect(openingState(week, [], true, new Date('2026-12-24T17:00:00Z'))).toEqual({ open: false, next: { date: '2026-12-26', weekday: 6, opensAt: '10:00' } });
		// A dated closure wins over the week.
		const closed = [{ startsOn: '2026-12-02', endsOn: '2026-12-04', kind: 'closed' as const, noticeFrom: '2026-11-17' }];
		expect(openingState(week, closed, true, new Date('2026-12-02T09:00:00Z'))).toMatchObject({ open: false, next: { date: '2026-12-05' } });
	});

	it('writes OSM opening_hours that the opening_hours library reads back to the same week', () => {
		const value = toOpeningHours(week, true);
		expect(value).toBe('Mo 09:00-12:00,13:00-16:30; Tu 09:00-12:00,13:00-16:30,18:00-20:30; We-Fr 09:00-12:00,13:00-16:30; Sa 10:00-12:00; PH off');
		const oh = new OpeningHours(value, { lat: 50.6, lon: 5.5, address: { country_code: 'be', state: 'Wallonia' } });
		expect(oh.getState(new Date(2026, 11, 1, 19, 0))).toBe(true); // Tuesday evening
		expect(oh.getState(new Date(2026, 11, 2, 19, 0))).toBe(false); // Wednesday evening
		expect(oh.getState(new Date(2026, 11, 5, 11, 0))).toBe(true); // Saturday morning
		expect(oh.getState(new Date(2026, 11, 6, 11, 0))).toBe(false); // Sunday
	});
});
