import { z } from 'zod';

/**
 * The forms and filters of the files part: the minimal identity of a person (creation and
 * correction share it) and the list's GET filters. Messages are catalogue keys.
 */

/** Languages a person may prefer (ISO 639; the directory's spoken languages plus French). */
export const preferredLanguageChoices = ['fr', 'ar', 'en', 'nl', 'de', 'uk', 'ru', 'tr', 'es', 'fa', 'ps', 'ti', 'so', 'ln', 'sq', 'ro', 'pl', 'it', 'pt', 'sgn-BE-fr'] as const;

/** The identity fields a worker edits, in the order of the form (also the audit's field names). */
export const identityFields = ['firstName', 'pseudonymous', 'lastName', 'birthYear', 'birthDate', 'preferredLanguages', 'nisCode', 'phone', 'email', 'assignedUserId'] as const;
export type IdentityField = (typeof identityFields)[number];

const blankToNull = (v: string) => (v === '' ? null : v);
const optionalText = (max: number) => z.string().trim().max(max, 'pro.errors.tooLong').transform(blankToNull);

/** The plausible birth years: nobody older than 120, nobody born in the future. */
export function birthYearRange(now = new Date()): { min: number; max: number } {
	const year = now.getUTCFullYear();
	return { min: year - 120, max: year };
}

export function identitySchema(now = new Date()) {
	const { min, max } = birthYearRange(now);
	const today = now.toISOString().slice(0, 10);
	return z
		.object({
			firstName: z.string().trim().min(1, 'pro.errors.required').max(80, 'pro.errors.tooLong'),
			pseudonymous: z.string().optional().transform((v) => v === 'on' || v === '1' || v === 'true'),
			lastName: optionalText(80),
			birthYear: z
				.string()
				.trim()
				.regex(/^(\d{4})?$/, 'pro.cases.errors.birthYear')
				.transform((v) => (v === '' ? null : Number(v)))
				.refine((v) => v === null || (v >= min && v <= max), 'pro.cases.errors.birthYear'),
			birthDate: z
				.string()
				.trim()
				.regex(/^(\d{4}-\d{2}-\d{2})?$/, 'pro.errors.date')
				.refine((v) => v === '' || !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, 'pro.errors.date')
				.refine((v) => v === '' || (Number(v.slice(0, 4)) >= min && v <= today), 'pro.cases.errors.birthDate')
				.transform(blankToNull),
			preferredLanguages: z.array(z.enum(preferredLanguageChoices, 'pro.errors.invalid')).max(preferredLanguageChoices.length).default([]),
			nisCode: z
				.string()
				.trim()
				.regex(/^(\d{5})?$/, 'pro.errors.municipality')
				.transform(blankToNull),
			phone: z
				.string()
				.trim()
				.regex(/^(\+?[\d\s./()-]{6,20})?$/, 'pro.errors.phone')
				.transform(blankToNull),
			email: z
				.string()
				.trim()
				.toLowerCase()
				.max(254, 'pro.errors.emailInvalid')
				.transform(blankToNull)
				.pipe(z.email('pro.errors.emailInvalid').nullable()),
			assignedUserId: z
				.string()
				.trim()
				.transform(blankToNull)
				.pipe(z.uuid('pro.errors.invalid').nullable())
		})
		.transform((v, ctx) => {
			// A date implies its year: a year typed beside it must agree; alone, the year comes from the date.
			if (v.birthDate) {
				const year = Number(v.birthDate.slice(0, 4));
				if (v.birthYear !== null && v.birthYear !== year) {
					ctx.addIssue({ code: 'custom', message: 'pro.cases.errors.birthMismatch', path: ['birthYear'] });
					return z.NEVER;
				}
				return { ...v, birthYear: year };
			}
			return v;
		});
}
export type IdentityInput = z.output<ReturnType<typeof identitySchema>>;

export const createFileSchema = (now = new Date()) =>
	z.object({ organisationId: z.uuid('pro.cases.errors.organisation') }).and(identitySchema(now)).and(
		z.object({
			/** The candidates the person saw and set aside with "create anyway" (comma-separated ids). */
			seen: z
				.string()
				.optional()
				.transform((v) => (v ?? '').split(',').filter((id) => z.uuid().safeParse(id).success)),
			createAnyway: z.string().optional().transform((v) => v === '1')
		})
	);

export const editIdentitySchema = (now = new Date()) =>
	z.object({ version: z.coerce.number('pro.errors.invalid').int().min(1, 'pro.errors.invalid') }).and(identitySchema(now));

/** The list's filters, read from the query string; a wrong value falls back to its default. */
export const fileFiltersSchema = z.object({
	status: z.enum(['open', 'closed', 'all']).catch('open'),
	municipality: z.string().regex(/^\d{5}$/).optional().catch(undefined),
	worker: z.union([z.uuid(), z.literal('none')]).optional().catch(undefined),
	q: z
		.string()
		.trim()
		.max(80)
		.optional()
		.catch(undefined)
		.transform((v) => (v ? v : undefined)),
	organisation: z.enum(['owned', 'shared', 'all']).catch('all'),
	page: z.coerce.number().int().min(1).max(10_000).catch(1)
});
export type FileFilters = z.output<typeof fileFiltersSchema>;

export function parseFileFilters(params: URLSearchParams): FileFilters {
	const raw: Record<string, string> = {};
	for (const key of ['status', 'municipality', 'worker', 'q', 'organisation', 'page']) {
		const v = params.get(key);
		if (v !== null && v !== '') raw[key] = v;
	}
	return fileFiltersSchema.parse(raw);
}
