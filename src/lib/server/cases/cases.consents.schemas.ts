import { z } from 'zod';
import { consentLanguages, consentPurposes, purposesWithRecipients, type ConsentPurpose } from '$lib/cases/consents';
import { isLocale, type Locale } from '$lib/i18n/locales';
import { caseSections, type CaseSection } from './cases.sections';
import { addMonths, isCalendarDate } from './cases.dates';

const date = z.string().trim().refine(isCalendarDate, 'pro.errors.date');

/** The longest a consent may hold: a worker asks again after that. */
export const MAX_CONSENT_MONTHS = 36;

/**
 * The consent form. Every issue is a catalogue key shown next to its field; the checks that
 * compare fields run even when another field is wrong, so every mistake shows at once.
 * `today` is the Brussels day of the request (tests pass their own).
 */
export function consentFormSchema(today: string) {
	return z
		.object({
			purpose: z.enum(consentPurposes, 'pro.errors.consent.purpose'),
			organisations: z.array(z.uuid('pro.errors.invalid')).max(50, 'pro.errors.invalid').default([]),
			sections: z.array(z.enum(caseSections, 'pro.errors.invalid')).default([]),
			language: z.string().refine((v) => consentLanguages.includes(v), 'pro.errors.consent.language'),
			interpreter: z.string().optional().transform((v) => v === 'on' || v === 'yes' || v === 'true'),
			givenOn: date.refine((v) => !isCalendarDate(v) || v <= today, 'pro.errors.consent.givenInFuture'),
			expiresOn: date
		})
		.superRefine((v, ctx) => {
			if (purposesWithRecipients.has(v.purpose)) {
				if (v.organisations.length === 0) ctx.addIssue({ code: 'custom', path: ['organisations'], message: 'pro.errors.consent.organisations' });
				if (v.sections.length === 0) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'pro.errors.consent.sections' });
			}
			if (v.expiresOn < today) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'pro.errors.consent.expiryPast' });
			else if (v.expiresOn < v.givenOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'pro.errors.consent.expiryBeforeGiven' });
			else if (v.expiresOn > addMonths(v.givenOn, MAX_CONSENT_MONTHS)) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'pro.errors.consent.expiryTooFar' });
		})
		.transform((v) => ({
			...v,
			// Follow-up and statistics name nobody: what was ticked for another purpose is dropped.
			organisations: purposesWithRecipients.has(v.purpose) ? [...new Set(v.organisations)] : [],
			sections: purposesWithRecipients.has(v.purpose) ? [...new Set(v.sections)] : []
		}));
}

export type ConsentForm = z.infer<ReturnType<typeof consentFormSchema>>;

/** The multiple-choice fields of the consent form (for formObject). */
export const consentFormArrays = ['organisations', 'sections'];

export const revokeSchema = z.object({ consentId: z.uuid('pro.errors.required'), confirm: z.literal('yes', 'pro.errors.consent.confirm') });

/** What a printed consent form says: purpose, organisations, sections, validity, in one UI language. */
export type ConsentFormRequest = { purpose: ConsentPurpose; organisationIds: string[]; sections: CaseSection[]; language: Locale; expiresOn: string | null };

/**
 * Reads the printed form's query (the consent form's own fields, sent with GET): purpose,
 * organisations and sections (repeated or comma-separated), language, expiresOn (optional).
 * The form is printed in the UI languages; for another language (explained orally, often with an
 * interpreter) it is printed in `fallback`, the page's language. Anything else unknown is refused.
 */
export function parseConsentFormQuery(params: URLSearchParams, fallback: Locale): { ok: true; request: ConsentFormRequest } | { ok: false; error: string } {
	const list = (name: string) => params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
	const purpose = params.get('purpose') ?? '';
	if (!(consentPurposes as readonly string[]).includes(purpose)) return { ok: false, error: 'pro.errors.consent.purpose' };
	const asked = params.get('language') ?? '';
	const language = isLocale(asked) ? asked : fallback;
	const organisationIds = [...new Set(list('organisations'))];
	if (organisationIds.length > 50 || organisationIds.some((id) => !z.uuid().safeParse(id).success)) return { ok: false, error: 'pro.errors.invalid' };
	const sections = [...new Set(list('sections'))];
	if (sections.some((s) => !(caseSections as readonly string[]).includes(s))) return { ok: false, error: 'pro.errors.invalid' };
	const withRecipients = purposesWithRecipients.has(purpose as ConsentPurpose);
	if (withRecipients && organisationIds.length === 0) return { ok: false, error: 'pro.errors.consent.organisations' };
	if (withRecipients && sections.length === 0) return { ok: false, error: 'pro.errors.consent.sections' };
	const expires = (params.get('expiresOn') ?? '').trim();
	if (expires && !isCalendarDate(expires)) return { ok: false, error: 'pro.errors.date' };
	return {
		ok: true,
		request: {
			purpose: purpose as ConsentPurpose,
			organisationIds: withRecipients ? organisationIds : [],
			sections: withRecipients ? (sections as CaseSection[]) : [],
			language,
			expiresOn: expires || null
		}
	};
}
