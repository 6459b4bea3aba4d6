/**
 * The deadline of the Parcours d'Intégration and the guidance of its modules, as pure date
 * arithmetic on calendar days (YYYY-MM-DD strings, Brussels time): no clock, no database.
 *
 * The deadline runs from the order granting the residence permit: 18 months for orders before
 * the 2024 decree applies, 3 years for orders on or after it. The day it applies is configurable
 * (PARCOURS_DEADLINE_CUTOFF, default 2025-01-01; see README): a date, because the rule follows
 * the date of the order, not the day the file is typed in.
 */

export type DeadlineRule = '18_months' | '3_years';
export const deadlineMonths: Record<DeadlineRule, number> = { '18_months': 18, '3_years': 36 };

/** The modules' own guidance: French within 16 months (up to 400 h depending on the test), citizenship 60 h over about 4 months. */
export const guidance = {
	french: { months: 16, hours: 400 },
	citizenship: { months: 4, hours: 60 }
} as const;

const parse = (iso: string) => {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return { y, m, d };
};
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A calendar date plus whole months; the 31st of a shorter month becomes its last day (31 Aug + 18 months = 28 Feb). */
export function addMonths(iso: string, months: number): string {
	const { y, m, d } = parse(iso);
	const index = y * 12 + (m - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	const a = parse(from);
	const b = parse(to);
	return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** Today's date in Belgium. */
export function todayInBrussels(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Orders on or after the cutoff get the 2024 decree's 3 years; earlier ones 18 months. */
export function deadlineRuleFor(permitOrderedOn: string, cutoff: string): DeadlineRule {
	return permitOrderedOn >= cutoff ? '3_years' : '18_months';
}

/**
 * The deadline of a Parcours: none for an exempted or dispensed person, nor without the order
 * date; for an obliged person (or one whose obligation is still to be checked) the order date
 * plus the rule's months.
 */
export function deadlineFor(p: { obligation: string; permitOrderedOn: string | null }, cutoff: string): { rule: DeadlineRule | null; deadlineOn: string | null } {
	if (!p.permitOrderedOn || (p.obligation !== 'obliged' && p.obligation !== 'unknown')) return { rule: null, deadlineOn: null };
	const rule = deadlineRuleFor(p.permitOrderedOn, cutoff);
	return { rule, deadlineOn: addMonths(p.permitOrderedOn, deadlineMonths[rule]) };
}
