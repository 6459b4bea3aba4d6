import type { fundingRule } from './courses.funding.table';
import { quarterDates, type Quarter } from './quarter';

/**
 * The funding rules' vocabulary and arithmetic, without the database: which rule applies to a
 * course in a quarter, and what a course's figures are worth under it (euro cents, rounded to the
 * cent once per course).
 */
export const fundingModes = ['per_trainee_hour', 'per_course_hour', 'envelope'] as const;
export type FundingMode = (typeof fundingModes)[number];

/** Funders the sector knows (the form offers them; any other code can be typed). */
export const knownFunders = ['wallonie-cisp', 'wallonie-ili', 'fse'] as const;

export type FundingRuleRow = typeof fundingRule.$inferSelect;

/** A rule applies to some day of the quarter (its validity overlaps the quarter). */
export function validDuring(rule: Pick<FundingRuleRow, 'validFrom' | 'validTo'>, q: Quarter): boolean {
	const { from, to } = quarterDates(q);
	return rule.validFrom <= to && (rule.validTo === null || rule.validTo >= from);
}

export type RuleTarget = { funder: string | null; axis: string; organisationKind: string };

/**
 * The rule for a course in a quarter: same funder; the course's axis or every axis; the
 * organisation's kind or every kind; valid during the quarter. A rule naming the axis beats a
 * general one, then one naming the kind; among equals, the one that started last (a new rate
 * replaces the old one from its first quarter). No funder or no rule: null ("no rule").
 */
export function chooseRule<R extends Pick<FundingRuleRow, 'funder' | 'axis' | 'organisationKind' | 'validFrom' | 'validTo'>>(rules: readonly R[], target: RuleTarget, q: Quarter): R | null {
	if (!target.funder) return null;
	const fits = rules.filter(
		(r) => r.funder === target.funder && (r.axis === null || r.axis === target.axis) && (r.organisationKind === null || r.organisationKind === target.organisationKind) && validDuring(r, q)
	);
	const score = (r: R) => (r.axis !== null ? 2 : 0) + (r.organisationKind !== null ? 1 : 0);
	fits.sort((a, b) => score(b) - score(a) || b.validFrom.localeCompare(a.validFrom));
	return fits[0] ?? null;
}

/** Rate per hour × minutes, to the cent (half up). */
export const hourlyAmount = (minutes: number, rateCents: number) => Math.round((minutes * rateCents) / 60);

/** A quarter's share of a yearly envelope. */
export const quarterShare = (yearCents: number) => Math.round(yearCents / 4);

/**
 * Splits a quarter's share of an envelope between the courses it covers, in proportion to their
 * trainee-minutes (largest remainder: the parts add up to the share exactly). No hours: nothing.
 */
export function splitEnvelope(shareCents: number, traineeMinutes: readonly number[]): number[] {
	const total = traineeMinutes.reduce((a, b) => a + b, 0);
	if (total === 0) return traineeMinutes.map(() => 0);
	const exact = traineeMinutes.map((m) => (shareCents * m) / total);
	const parts = exact.map(Math.floor);
	let left = shareCents - parts.reduce((a, b) => a + b, 0);
	const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		parts[i]! += 1;
		left -= 1;
	}
	return parts;
}

/** "12,50", "12.5", "1 250", "1.250,00" → cents; anything else → null. */
export function parseEuros(text: string): number | null {
	let s = text.replace(/[\s\u00a0\u202f€]/g, '');
	if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s)) s = s.replace(/\./g, '');
	else if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(s)) s = s.replace(/,/g, '');
	const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(s);
	if (!m) return null;
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
