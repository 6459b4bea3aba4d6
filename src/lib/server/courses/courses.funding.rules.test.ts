import { describe, expect, it } from 'vitest';
import { chooseRule, hourlyAmount, parseEuros, quarterShare, splitEnvelope } from './courses.funding.rules';

type R = { id: string; funder: string; axis: string | null; organisationKind: string | null; validFrom: string; validTo: string | null };
const rule = (id: string, more: Partial<R> = {}): R => ({ id, funder: 'wallonie-ili', axis: null, organisationKind: null, validFrom: '2025-01-01', validTo: null, ...more });
const q1 = { year: 2026, quarter: 1 } as const;
const fle = { funder: 'wallonie-ili', axis: 'fle', organisationKind: 'ili' };

describe('which rule funds a course in a quarter', () => {
	it('a rule for the course’s axis beats one for every axis, whatever the order', () => {
		const rules = [rule('general'), rule('fle', { axis: 'fle' }), rule('citizenship', { axis: 'citizenship' })];
		expect(chooseRule(rules, fle, q1)?.id).toBe('fle');
		expect(chooseRule([...rules].reverse(), fle, q1)?.id).toBe('fle');
		expect(chooseRule(rules, { ...fle, axis: 'digital' }, q1)?.id).toBe('general');
	});

	it('keeps to the funder and the kind of organisation', () => {
		const rules = [rule('cisp', { funder: 'wallonie-cisp' }), rule('ili-only', { organisationKind: 'ili' }), rule('any')];
		expect(chooseRule(rules, fle, q1)?.id).toBe('ili-only');
		expect(chooseRule(rules, { ...fle, organisationKind: 'association' }, q1)?.id).toBe('any');
		expect(chooseRule(rules, { ...fle, funder: 'fse' }, q1)).toBeNull();
		expect(chooseRule(rules, { ...fle, funder: null }, q1)).toBeNull();
	});

	it('only a rule valid during the quarter counts; a new rate replaces the old from its quarter', () => {
		const old = rule('old', { validTo: '2025-12-31' });
		const future = rule('future', { validFrom: '2026-04-01' });
		expect(chooseRule([old, future], fle, q1)).toBeNull();
		expect(chooseRule([old, future], fle, { year: 2025, quarter: 4 })?.id).toBe('old');
		// A rule ending on the quarter's first day still covers it; the newer one wins where both do.
		const changed = [rule('2025', { validTo: '2026-01-01' }), rule('2026', { validFrom: '2026-01-01' })];
		expect(chooseRule(changed, fle, q1)?.id).toBe('2026');
		expect(chooseRule([rule('ends-late-march', { validFrom: '2026-03-31' })], fle, q1)?.id).toBe('ends-late-march');
	});
});

describe('what a course is worth', () => {
	it('per hour: rate × minutes ÷ 60, to the cent', () => {
		expect(hourlyAmount(90, 1000)).toBe(1500); // 1,5 h × 10,00 €
		expect(hourlyAmount(100, 333)).toBe(555); // 1,666… h × 3,33 € = 5,55 €
		expect(hourlyAmount(0, 1250)).toBe(0);
	});

	it('an envelope: a quarter of the year, split by trainee-hours, adding up exactly', () => {
		expect(quarterShare(1_000_001)).toBe(250_000);
		const parts = splitEnvelope(1000, [1, 1, 1]);
		expect(parts).toEqual([334, 333, 333]);
		expect(splitEnvelope(250_000, [600, 1800])).toEqual([62_500, 187_500]);
		expect(splitEnvelope(1000, [0, 0])).toEqual([0, 0]);
	});

	it('reads euros typed with a comma or a dot, and refuses the rest', () => {
		expect(parseEuros('12,50')).toBe(1250);
		expect(parseEuros('12.5')).toBe(1250);
		expect(parseEuros(' 1 250 € ')).toBe(125_000);
		expect(parseEuros('1.250,75')).toBe(125_075);
		expect(parseEuros('7')).toBe(700);
		for (const bad of ['', 'abc', '12,505', '-3', '1.250', '=1+1']) expect(parseEuros(bad)).toBeNull();
	});
});
