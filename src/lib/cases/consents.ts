import { locales } from '$lib/i18n/locales';

/**
 * Consents and referrals as pages show them (no server code: the forms and the server share these).
 */
export const consentPurposes = ['follow_up', 'referral', 'sharing', 'statistics'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** Purposes that name organisations and sections. */
export const purposesWithRecipients: ReadonlySet<ConsentPurpose> = new Set(['referral', 'sharing']);

export type ConsentState = 'active' | 'expired' | 'revoked';

/**
 * The languages a consent can be explained in: the UI languages (the printed form exists in
 * those), then other ISO 639 languages spoken by newcomers in the territory (explained orally,
 * often with an interpreter), and Belgian French Sign Language.
 */
export const otherConsentLanguages = [
	'am', 'bg', 'bm', 'bn', 'bs', 'ckb', 'el', 'ff', 'ha', 'hy', 'it', 'ka', 'kab', 'ku', 'ln', 'mk', 'mn', 'ne', 'om',
	'pl', 'prs', 'pt', 'rn', 'ro', 'rw', 'sq', 'sr', 'so', 'sw', 'ta', 'tzm', 'ur', 'uz', 'vi', 'wo', 'zh', 'sgn-BE-fr'
] as const;
export const consentLanguages: readonly string[] = [...locales, ...otherConsentLanguages];

/** How long a consent holds by default, in months (the form proposes it, the worker may change it). */
export const DEFAULT_CONSENT_MONTHS = 12;

export const referralStatuses = ['sent', 'accepted', 'declined', 'done', 'expired', 'cancelled'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
