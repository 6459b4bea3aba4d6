import { z } from 'zod';
import { organisationKinds } from '../identity/identity.schemas';

/** The parts of a service an organisation can be asked to look at first. */
export const campaignSections = ['description', 'hours', 'address', 'contact', 'conditions', 'languages'] as const;
export const campaignMethods = ['email', 'phone', 'visit', 'online'] as const;
export type CampaignMethod = (typeof campaignMethods)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'pro.errors.date').refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) && new Date(`${v}T12:00:00Z`).toISOString().startsWith(v), 'pro.errors.date');

/** "7, 14" → [7, 14]: whole days from 1 to 365, ascending, at most six. */
const reminderList = z
	.string()
	.trim()
	.max(60, 'pro.errors.tooLong')
	.transform((v, ctx) => {
		if (v === '') return [];
		const parts = v.split(/[\s,;]+/).filter(Boolean);
		const days = parts.map(Number);
		if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365) || days.length > 6) {
			ctx.addIssue({ code: 'custom', message: 'pro.errors.reminderDays' });
			return z.NEVER;
		}
		return [...new Set(days)].sort((a, b) => a - b);
	});

/** The campaign form; every issue is a catalogue key shown next to its field. */
export const campaignFormSchema = z
	.object({
		name: z.string().trim().min(3, 'pro.errors.required').max(120, 'pro.errors.tooLong'),
		startsOn: isoDate,
		endsOn: isoDate,
		nisCodes: z.array(z.string().regex(/^\d{5}$/, 'pro.errors.municipality')).max(100).default([]),
		organisationKinds: z.array(z.enum(organisationKinds, 'pro.errors.invalid')).default([]),
		sections: z.array(z.enum(campaignSections, 'pro.errors.invalid')).min(1, 'pro.errors.sections'),
		reminderDays: reminderList
	})
	// Checked even when other fields are wrong, so that every mistake shows at once.
	.refine((v) => v.endsOn >= v.startsOn, {
		path: ['endsOn'],
		message: 'pro.errors.endBeforeStart',
		when: ({ value }) => {
			const v = value as { startsOn?: unknown; endsOn?: unknown };
			return [v.startsOn, v.endsOn].every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d));
		}
	});
export type CampaignForm = z.infer<typeof campaignFormSchema>;
