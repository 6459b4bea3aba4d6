import { z } from 'zod';
import { locales } from '$lib/i18n/locales';
import { spokenLanguages } from '../agenda/agenda.types';

/**
 * The forms of the demand side: the public "I'm interested" form, a request typed by a worker, a
 * request for a case file, and the small forms of the waiting list. Every issue is a catalogue key
 * (`courses.demand.errors.*`) shown next to its field.
 */
export const DEMAND_ERRORS = 'courses.demand.errors.';

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true' || v === '1');
const optionalText = (max: number, key: string) =>
	z
		.string()
		.trim()
		.max(max, key)
		.optional()
		.transform((v) => (v ? v : null));

const person = {
	firstName: z.string().trim().min(1, 'courses.demand.errors.firstName').max(80, 'courses.demand.errors.firstName'),
	phone: z
		.string()
		.trim()
		.max(30, 'courses.demand.errors.phone')
		.regex(/^(\+?[\d\s./()-]{6,20})?$/, 'courses.demand.errors.phone')
		.optional()
		.transform((v) => (v ? v : null)),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.max(254, 'courses.demand.errors.email')
		.optional()
		.transform((v) => (v ? v : null))
		.pipe(z.email('courses.demand.errors.email').nullable()),
	nisCode: z
		.string()
		.trim()
		.regex(/^(\d{5})?$/, 'courses.demand.errors.municipality')
		.optional()
		.transform((v) => (v ? v : null)),
	locale: z.enum(locales, 'courses.demand.errors.locale').default('fr'),
	needsChildcare: checkbox,
	interpreterLanguage: z
		.union([z.literal(''), z.enum(spokenLanguages, 'courses.demand.errors.language')])
		.optional()
		.transform((v) => (v ? v : null)),
	elsewhere: checkbox
};

/**
 * One contact is enough (phone or e-mail); none is refused on the phone field. Checked even when
 * another field is wrong (`when`), so that every error shows at once.
 */
const oneContact = z.superRefine<{ phone?: string | null; email?: string | null }>(
	(v, ctx) => {
		if (!v?.phone && !v?.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'courses.demand.errors.contact' });
	},
	{ when: () => true }
);

/** The public form: the consent to keep the details is required; `website` is the honeypot. */
export const publicInterestSchema = z
	.object({
		...person,
		consent: z.literal('on', 'courses.demand.errors.consent'),
		website: optionalText(200, 'courses.demand.errors.invalid')
	})
	.check(oneContact);
export type PublicInterest = z.infer<typeof publicInterestSchema>;

/** A request a worker types for someone without a case file (walk-in, phone call). */
export const directRequestSchema = z.object({ ...person, lastName: optionalText(80, 'courses.demand.errors.lastName') }).check(oneContact);
export type DirectRequest = z.infer<typeof directRequestSchema>;

/** A request for a case file: one course of the actor's organisation and the person's needs. */
export const fileRequestSchema = z.object({
	courseId: z.uuid('courses.demand.errors.course'),
	needsChildcare: person.needsChildcare,
	interpreterLanguage: person.interpreterLanguage,
	elsewhere: person.elsewhere
});

/** An accepted referral turned into a request for one of the receiving organisation's courses. */
export const referralRequestSchema = z.object({ referralId: z.uuid('courses.demand.errors.invalid'), courseId: z.uuid('courses.demand.errors.course') });

/** The small forms of the list: one enrolment. */
export const enrolmentIdSchema = z.object({ enrolmentId: z.uuid('courses.demand.errors.invalid') });
/** "Offer a seat": to a chosen waiting person, or (empty) to the next one. */
export const offerSchema = z.object({ enrolmentId: z.union([z.literal(''), z.uuid('courses.demand.errors.invalid')]).optional() });
/** "Propose a seat elsewhere": the waiting request and the other organisation's course. */
export const transferSchema = z.object({ enrolmentId: z.uuid('courses.demand.errors.invalid'), targetCourseId: z.uuid('courses.demand.errors.course') });

/** Phone numbers compared by their digits (the duplicate check). */
export const phoneDigits = (phone: string | null) => (phone ? phone.replace(/\D/g, '').replace(/^(00|0)?32/, '0') : null);
