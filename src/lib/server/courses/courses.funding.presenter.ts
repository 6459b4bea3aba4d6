import { can, decide, type SignedIn } from '../policy/policy';
import type { FundingRuleRow } from './courses.funding.rules';
import { coursesRules } from './courses.policy';

/** Euro amounts and hours in the page's language (figures only; no personal data on these pages). */
export const formatEuros = (locale: string, cents: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
export const formatHours = (locale: string, minutes: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(minutes / 60);

/** The rule as typed back into the form (euros with a comma in French). */
export const centsToInput = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

export function presentRule(r: FundingRuleRow, locale: string) {
	return {
		id: r.id,
		funder: r.funder,
		label: r.label,
		axis: r.axis,
		organisationKind: r.organisationKind,
		mode: r.mode,
		amount: formatEuros(locale, r.amountCents),
		validFrom: r.validFrom,
		validTo: r.validTo,
		ended: r.endedAt !== null
	};
}

/** The organisations whose justification the actor may open (its own, led with a second factor). */
export function ownJustifications(actor: SignedIn): string[] {
	return [...actor.memberships.keys()].filter((id) => can(actor, coursesRules['funding.export'], { organisationId: id }));
}

/** The pro nav's funding link: the rules for the sector, the justification for an organisation's leads, else none. */
export function fundingLink(actor: SignedIn): 'rules' | 'justification' | null {
	if (decide(actor, coursesRules['funding.rules']) !== false) return 'rules';
	const leads = [...actor.memberships.keys()].some((id) => decide(actor, coursesRules['funding.export'], { organisationId: id }) !== false);
	return leads ? 'justification' : null;
}
