import { describe, expect, it } from 'vitest';
import { brusselsInstant, isoWithOffset, wallClock } from './brussels-time';
import { buildRule, describeForForm, expandTiming, ruleFacts, type Timing } from './recurrence';

const timing = (t: Partial<Timing>): Timing => ({ startDate: '2026-10-13', startTime: '18:00', endDate: null, endTime: '20:00', rrule: null, exdates: [], ...t });

describe('Brussels time', () => {
	it('turns a wall clock into the right instant in summer and in winter', () => {
		expect(brusselsInstant('2026-10-20', '18:00').toISOString()).toBe('2026-10-20T16:00:00.000Z');
		expect(brusselsInstant('2026-11-03', '18:00').toISOString()).toBe('2026-11-03T17:00:00.000Z');
		expect(isoWithOffset(brusselsInstant('2026-07-01', '09:30'))).toBe('2026-07-01T09:30:00+02:00');
		expect(wallClock(new Date('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', time: '02:30' });
	});
});

describe('recurrence', () => {
	it('a weekly 18:00 activity stays at 18:00 local across the end of summer time', () => {
		const rule = buildRule('weekly', '2026-10-13', false, { until: '2026-11-10', count: null }, null);
		expect(rule).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110T225959Z');
		const result = expandTiming(timing({ rrule: rule }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.occurrences.map((o) => o.start.toISOString())).toEqual([
			'2026-10-13T16:00:00.000Z',
			'2026-10-20T16:00:00.000Z',
			'2026-10-27T17:00:00.000Z',
			'2026-11-03T17:00:00.000Z',
			'2026-11-10T17:00:00.000Z'
		]);
		expect(result.occurrences.every((o) => wallClock(o.start).time === '18:00' && wallClock(o.end!).time === '20:00')).toBe(true);
	});

	it('skips the exception dates', () => {
		const result = expandTiming(timing({ rrule: 'FREQ=WEEKLY;COUNT=4', exdates: ['2026-10-20'] }));
		expect(result.ok && result.occurrences.map((o) => o.date)).toEqual(['2026-10-13', '2026-10-27', '2026-11-03']);
	});

	it('refuses an end before the start, a rule without end, too many or too far dates, and nonsense', () => {
		expect(expandTiming(timing({ endTime: '17:00' }))).toEqual({ ok: false, problem: 'agenda.errors.endBeforeStart' });
		expect(expandTiming(timing({ endDate: '2026-10-12', startTime: null, endTime: null }))).toEqual({ ok: false, problem: 'agenda.errors.endBeforeStart' });
		expect(expandTiming(timing({ rrule: 'FREQ=WEEKLY;BYDAY=TU' }))).toEqual({ ok: false, problem: 'agenda.errors.recurrenceNoEnd' });
		expect(expandTiming(timing({ rrule: 'FREQ=DAILY;COUNT=365' }))).toEqual({ ok: false, problem: 'agenda.errors.recurrenceTooMany' });
		expect(expandTiming(timing({ rrule: 'FREQ=MONTHLY;UNTIL=20300101T000000Z' }))).toEqual({ ok: false, problem: 'agenda.errors.recurrenceTooLong' });
		expect(expandTiming(timing({ rrule: 'FREQ=HOURLY;COUNT=3' }))).toEqual({ ok: false, problem: 'agenda.errors.recurrenceFrequency' });
		expect(expandTiming(timing({ rrule: 'n’importe quoi' }))).toEqual({ ok: false, problem: 'agenda.errors.recurrenceInvalid' });
		expect(expandTiming(timing({ rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=3' }))).toEqual({ ok: false, problem: 'agenda.errors.recurrenceStart' });
	});

	it('all-day and multi-day activities', () => {
		const result = expandTiming(timing({ startTime: null, endTime: null, endDate: '2026-10-14', rrule: buildRule('monthly', '2026-10-13', true, { until: null, count: 3 }, null) }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// The second Tuesday of each month, two days each.
		expect(result.occurrences.map((o) => o.date)).toEqual(['2026-10-13', '2026-11-10', '2026-12-08']);
		expect(result.occurrences[0]!.end!.toISOString()).toBe('2026-10-14T22:00:00.000Z');
	});

	it('shows a stored rule back as the simple choice it came from', () => {
		const rule = buildRule('biweekly', '2026-10-13', false, { until: '2027-01-31', count: null }, null)!;
		expect(describeForForm(rule, '2026-10-13')).toEqual({ repeat: 'biweekly', until: '2027-01-31', count: '', custom: '' });
		expect(describeForForm('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10', '2026-10-13')).toMatchObject({ repeat: 'custom', custom: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10' });
		// A custom rule's UNTIL typed as a Brussels date or time is stored in UTC (a DATE when all day).
		expect(buildRule('custom', '2026-10-13', false, { until: null, count: null }, 'rrule:freq=weekly;until=20261110')).toBe('FREQ=WEEKLY;UNTIL=20261110T225959Z');
		expect(buildRule('custom', '2026-10-13', false, { until: null, count: null }, 'FREQ=WEEKLY;UNTIL=20260630T180000')).toBe('FREQ=WEEKLY;UNTIL=20260630T160000Z');
		expect(buildRule('custom', '2026-10-13', true, { until: null, count: null }, 'FREQ=WEEKLY;UNTIL=20261110T225959Z')).toBe('FREQ=WEEKLY;UNTIL=20261110');
		expect(ruleFacts('FREQ=MONTHLY;BYDAY=-1FR;COUNT=4')).toMatchObject({ freq: 'monthly', weekdays: [5], position: -1, count: 4 });
	});
});
