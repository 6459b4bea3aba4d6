import { describe, expect, it } from 'vitest';
import { brusselsInstant } from '../agenda/brussels-time';
import { compareQuarters, parseQuarter, quarterBounds, quarterDates, quarterKey, quarterOf, recentQuarters } from './quarter';

describe('quarters in Brussels time', () => {
	it('reads 2026-Q1 and its variants, and refuses anything else', () => {
		expect(parseQuarter('2026-Q1')).toEqual({ year: 2026, quarter: 1 });
		expect(parseQuarter(' 2026q4 ')).toEqual({ year: 2026, quarter: 4 });
		for (const bad of ['2026-Q5', '2026-Q0', 'Q1-2026', '2026', '', null, '1999-Q1']) expect(parseQuarter(bad)).toBeNull();
		expect(quarterKey({ year: 2026, quarter: 3 })).toBe('2026-Q3');
	});

	it('knows each quarter’s first and last day, leap years included', () => {
		expect(quarterDates({ year: 2028, quarter: 1 })).toEqual({ from: '2028-01-01', to: '2028-03-31' });
		expect(quarterDates({ year: 2026, quarter: 2 })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
		expect(quarterDates({ year: 2026, quarter: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
	});

	it('a session at 23:30 on 31 March in Brussels is in Q1; one at 01:30 on 1 April is in Q2 though still 31 March in UTC', () => {
		const lateMarch = brusselsInstant('2026-03-31', '23:30');
		const earlyApril = brusselsInstant('2026-04-01', '01:30');
		expect(earlyApril.toISOString()).toBe('2026-03-31T23:30:00.000Z');
		expect(quarterOf(lateMarch)).toEqual({ year: 2026, quarter: 1 });
		expect(quarterOf(earlyApril)).toEqual({ year: 2026, quarter: 2 });
		const q1 = quarterBounds({ year: 2026, quarter: 1 });
		expect(lateMarch >= q1.start && lateMarch < q1.end).toBe(true);
		expect(earlyApril < q1.end).toBe(false);
		// Winter time at New Year: the quarter starts at 23:00 UTC on 31 December.
		expect(q1.start.toISOString()).toBe('2025-12-31T23:00:00.000Z');
		expect(q1.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
	});

	it('offers the current quarter and the ones before it, newest first', () => {
		const list = recentQuarters(new Date('2026-02-10T12:00:00Z'), 3).map(quarterKey);
		expect(list).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
		expect(compareQuarters({ year: 2026, quarter: 1 }, { year: 2025, quarter: 4 })).toBeGreaterThan(0);
	});
});
