import { z } from 'zod';
import { allTermIds } from '../directory/taxonomy';
import { caseSections } from './cases.sections';

const optionalId = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : null))
	.refine((v) => v === null || z.uuid().safeParse(v).success, 'pro.errors.invalid');

/** A referral: to an organisation or to one of its services, for a need, with the sections it may see. */
export const referralFormSchema = z
	.object({
		toOrganisationId: optionalId,
		toServiceId: optionalId,
		purpose: z.string().refine((v) => allTermIds.includes(v), 'pro.errors.referral.purpose'),
		sections: z.array(z.enum(caseSections, 'pro.errors.invalid')).min(1, 'pro.errors.sections'),
		message: z.string().trim().max(2000, 'pro.errors.tooLong').default('')
	})
	.refine((v) => v.toOrganisationId !== null || v.toServiceId !== null, { path: ['toOrganisationId'], message: 'pro.errors.referral.target' });

export type ReferralForm = z.infer<typeof referralFormSchema>;
export const referralFormArrays = ['sections'];

const referralId = z.uuid('pro.errors.required');
export const acceptSchema = z.object({ referralId });
/** Why a referral is declined; 'no_places' counts as unmet demand in the courses' quarterly report. */
export const declineReasons = ['no_places', 'not_our_public', 'other'] as const;
export const declineSchema = z.object({
	referralId,
	message: z.string().trim().min(1, 'pro.errors.referral.declineMessage').max(1000, 'pro.errors.tooLong'),
	reason: z.enum(declineReasons, 'pro.errors.referral.declineReason')
});
export const doneSchema = z.object({ referralId, message: z.string().trim().max(1000, 'pro.errors.tooLong').default('') });
