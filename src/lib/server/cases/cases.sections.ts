/**
 * The sections of a case file and their sensitivity. A grant (from a referral accepted under the
 * person's consent) names the sections another organisation may see; restricted sections are
 * encrypted at rest and never leave the owner organisation unless the consent names them.
 */
export const caseSections = ['identity', 'parcours', 'notes', 'social', 'residence', 'health', 'legal', 'restricted'] as const;
export type CaseSection = (typeof caseSections)[number];

export type Sensitivity = 'general' | 'social' | 'restricted';

export const sectionSensitivity: Record<CaseSection, Sensitivity> = {
	/** Name or alias, birth year, languages, municipality, contact. */
	identity: 'general',
	/** The steps of the Parcours d'Intégration. */
	parcours: 'general',
	/** General notes and documents. */
	notes: 'general',
	/** Social follow-up notes and documents. */
	social: 'social',
	/** Residence status. */
	residence: 'restricted',
	health: 'restricted',
	legal: 'restricted',
	/** Restricted notes and documents. */
	restricted: 'restricted'
};

/** Where a note or document of a given sensitivity lives. */
export function sectionOfSensitivity(s: Sensitivity): CaseSection {
	return s === 'general' ? 'notes' : s === 'social' ? 'social' : 'restricted';
}

export function isCaseSection(value: unknown): value is CaseSection {
	return typeof value === 'string' && (caseSections as readonly string[]).includes(value);
}
