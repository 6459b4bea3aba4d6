import { z } from 'zod';
import { locales } from '$lib/i18n/locales';

export const organisationKinds = ['cri', 'ili', 'cisp', 'cpas', 'municipal_service', 'setis', 'association', 'school', 'other'] as const;
export const organisationRoles = ['admin', 'coordinator', 'worker', 'reader'] as const;
export const platformRoles = ['platform_admin', 'directory_editor'] as const;
export const accreditationAxes = ['fle', 'citizenship', 'isp', 'interculturality', 'social_legal'] as const;

export type OrganisationKind = (typeof organisationKinds)[number];

/**
 * Form schemas. Each issue's message is a catalogue key (pro.errors.*), so the page shows it in
 * the person's language next to the field, with what they typed kept.
 */
const email = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, 'pro.errors.emailInvalid')
	.pipe(z.email('pro.errors.emailInvalid'));

export const passwordSchema = z
	.string()
	.min(12, 'pro.errors.passwordTooShort')
	.max(200, 'pro.errors.passwordTooLong');

export const signInSchema = z.object({
	email: z.string().trim().toLowerCase().min(1, 'pro.errors.required').max(254, 'pro.errors.emailInvalid'),
	password: z.string().min(1, 'pro.errors.required').max(200, 'pro.errors.passwordTooLong')
});

export const newPasswordSchema = z
	.object({ password: passwordSchema, confirm: z.string() })
	.refine((v) => v.password === v.confirm, { message: 'pro.errors.passwordMismatch', path: ['confirm'] });

export const acceptInvitationSchema = z
	.object({
		name: z.string().trim().min(1, 'pro.errors.required').max(120, 'pro.errors.tooLong'),
		password: passwordSchema,
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, { message: 'pro.errors.passwordMismatch', path: ['confirm'] });

export const codeSchema = z.object({
	code: z
		.string()
		.transform((v) => v.replace(/[\s-]/g, '').toLowerCase())
		.pipe(z.string().regex(/^(\d{6}|[a-z0-9]{10})$/, 'pro.errors.codeFormat'))
});

export const resetRequestSchema = z.object({ email });

export const inviteSchema = z.object({
	email,
	role: z.enum(organisationRoles, 'pro.errors.required'),
	locale: z.enum(locales, 'pro.errors.required')
});

export const roleChangeSchema = z.object({
	userId: z.uuid('pro.errors.required'),
	role: z.enum(organisationRoles, 'pro.errors.required')
});

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'pro.errors.tooLong')
		.transform((v) => (v === '' ? null : v));

export const organisationSchema = z.object({
	name: z.string().trim().min(2, 'pro.errors.required').max(160, 'pro.errors.tooLong'),
	kind: z.enum(organisationKinds, 'pro.errors.required'),
	nisCode: z.string().regex(/^\d{5}$/, 'pro.errors.municipality'),
	street: optionalText(160),
	postalCode: z
		.string()
		.trim()
		.regex(/^(\d{4})?$/, 'pro.errors.postalCode')
		.transform((v) => (v === '' ? null : v)),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.transform((v) => (v === '' ? null : v))
		.pipe(z.email('pro.errors.emailInvalid').nullable()),
	phone: z
		.string()
		.trim()
		.regex(/^(\+?[\d\s./()-]{6,20})?$/, 'pro.errors.phone')
		.transform((v) => (v === '' ? null : v)),
	website: z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : v))
		.pipe(z.url({ protocol: /^https?$/, error: 'pro.errors.url' }).nullable()),
	axes: z.array(z.enum(accreditationAxes)).default([])
});

export type FieldErrors = Record<string, string>;

/** The first message key per field, for `fail(400, { errors, values })`. */
export function fieldErrors(error: z.ZodError, prefix = 'pro.errors.'): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message.startsWith(prefix) ? issue.message : `${prefix}invalid`;
	}
	return errors;
}
