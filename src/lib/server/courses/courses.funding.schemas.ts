import { z } from 'zod';
import { organisationKinds } from '../identity/identity.schemas';
import { fundingModes, parseEuros } from './courses.funding.rules';
import { courseAxes } from './courses.types';

/** The rule form (amounts typed in euros, with a comma or a dot) and the form that ends a rule. */
const isRealDate = (v: string) => {
	const d = new Date(`${v}T12:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'pro.errors.date').refine(isRealDate, 'pro.errors.date');
const orEvery = <T extends readonly [string, ...string[]]>(values: T) =>
	z
		.union([z.literal(''), z.enum(values, 'pro.errors.invalid')])
		.optional()
		.transform((v) => (v ? v : null));

export const ruleFormSchema = z
	.object({
		funder: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'courses.funding.errors.funder'),
		label: z.string().trim().min(1, 'pro.errors.required').max(200, 'pro.errors.tooLong'),
		axis: orEvery(courseAxes),
		organisationKind: orEvery(organisationKinds),
		mode: z.enum(fundingModes, 'pro.errors.required'),
		amount: z
			.string()
			.trim()
			.min(1, 'pro.errors.required')
			.transform((v, ctx) => {
				const cents = parseEuros(v);
				if (cents === null || cents <= 0) {
					ctx.addIssue({ code: 'custom', message: 'courses.funding.errors.amount' });
					return z.NEVER;
				}
				return cents;
			}),
		validFrom: isoDate,
		validTo: z.union([z.literal(''), isoDate]).optional().transform((v) => (v ? v : null))
	})
	.superRefine((f, ctx) => {
		if (f.validTo && f.validTo < f.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'pro.errors.endBeforeStart' });
	});
export type RuleForm = z.infer<typeof ruleFormSchema>;

export const endRuleFormSchema = z.object({ id: z.uuid('pro.errors.invalid'), endOn: isoDate });

/** Zod issues → { field: catalogue key }, keeping this domain's own keys. */
export function fundingFieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= /^(pro\.errors|courses\.funding\.errors)\./.test(issue.message) ? issue.message : 'pro.errors.invalid';
	}
	return errors;
}
