import { z } from 'zod';
import { spokenLanguages } from '../agenda/agenda.types';
import { knownNis, parseDate } from '../directory/service-form-rows';
import { courseAxes, fleFocuses, fleLevels, registrationModes } from './courses.types';

/**
 * The course form and the session forms, as posted without JavaScript. Every issue is a catalogue
 * key shown next to its field, in the page's language; a refused form sends back what was typed.
 */

/** Languages offered as checkboxes (instruction and interpreting): the agenda's spoken languages. */
export const courseLanguages = spokenLanguages;

/** Fields posted as several values (checkboxes). */
export const courseMultiFields = ['languages', 'interpreterLanguages'];

const language = z.enum(courseLanguages as unknown as [string, ...string[]], 'pro.errors.invalid');
const day = (message: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			const d = parseDate(v);
			if (!d) {
				ctx.addIssue({ code: 'custom', message });
				return z.NEVER;
			}
			return d;
		});
const integer = (min: number, message: string) =>
	z
		.string()
		.trim()
		.regex(/^\d{1,6}$/, message)
		.transform(Number)
		.pipe(z.number().int(message).min(min, message));

export const courseFormSchema = z
	.object({
		title: z.string().trim().min(2, 'pro.errors.required').max(160, 'pro.errors.tooLong'),
		description: z.string().trim().max(3000, 'pro.errors.tooLong').default(''),
		axis: z.enum(courseAxes, 'pro.errors.required'),
		level: z.union([z.literal(''), z.enum(fleLevels)]).default(''),
		focus: z.union([z.literal(''), z.enum(fleFocuses)]).default(''),
		nisCode: z.string().trim().refine((v) => knownNis().has(v), 'pro.errors.municipality'),
		address: z.string().trim().max(200, 'pro.errors.tooLong').default(''),
		capacity: integer(1, 'courses.offer.errors.capacity'),
		childcarePlaces: z.string().trim().default('0').transform((v) => v || '0').pipe(integer(0, 'courses.offer.errors.childcare')),
		interpreterLanguages: z.array(language).max(30).default([]),
		price: z
			.string()
			.trim()
			.default('0')
			.transform((v) => (v === '' ? '0' : v.replace(',', '.')))
			.pipe(z.string().regex(/^\d{1,5}(\.\d{1,2})?$/, 'courses.offer.errors.price'))
			.transform((v) => Math.round(Number(v) * 100)),
		languages: z.array(language).min(1, 'courses.offer.errors.languages').max(30),
		prerequisites: z.string().trim().max(1000, 'pro.errors.tooLong').default(''),
		startsOn: day('pro.errors.date'),
		endsOn: day('pro.errors.date'),
		totalHours: integer(1, 'courses.offer.errors.hours').pipe(z.number().max(5000, 'courses.offer.errors.hours')),
		registrationMode: z.enum(registrationModes, 'pro.errors.required'),
		funder: z.string().trim().max(60, 'pro.errors.tooLong').default('')
	})
	.superRefine((v, ctx) => {
		// Level and focus belong to French courses only.
		if (v.axis === 'fle') {
			if (!v.level) ctx.addIssue({ code: 'custom', path: ['level'], message: 'courses.offer.errors.levelRequired' });
			if (!v.focus) ctx.addIssue({ code: 'custom', path: ['focus'], message: 'courses.offer.errors.focusRequired' });
		} else {
			if (v.level) ctx.addIssue({ code: 'custom', path: ['level'], message: 'courses.offer.errors.levelFleOnly' });
			if (v.focus) ctx.addIssue({ code: 'custom', path: ['focus'], message: 'courses.offer.errors.levelFleOnly' });
		}
		if (v.childcarePlaces > v.capacity) ctx.addIssue({ code: 'custom', path: ['childcarePlaces'], message: 'courses.offer.errors.childcare' });
		if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'pro.errors.endBeforeStart' });
	})
	.transform((v) => ({
		...v,
		level: v.level || null,
		focus: v.focus || null,
		address: v.address || null,
		funder: v.funder || null,
		languages: [...new Set(v.languages)],
		interpreterLanguages: [...new Set(v.interpreterLanguages)]
	}));
export type CourseForm = z.output<typeof courseFormSchema>;

/** Field errors as catalogue keys (our own keys kept, anything else "invalid"), the first per field. */
export function courseErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= /^(pro|courses)\./.test(issue.message) ? issue.message : 'pro.errors.invalid';
	}
	return errors;
}

const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'courses.offer.errors.time');

/** A weekly pattern: the weekdays, the times, from one date to another (at most a year of sessions). */
export const weeklyPatternSchema = z
	.object({
		weekdays: z.array(z.enum(['1', '2', '3', '4', '5', '6', '7'])).min(1, 'courses.offer.errors.weekdays').transform((w) => [...new Set(w.map(Number))].sort()),
		start: time,
		end: time,
		from: day('pro.errors.date'),
		to: day('pro.errors.date')
	})
	.superRefine((v, ctx) => {
		if (v.end <= v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'courses.offer.errors.endTime' });
		if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'pro.errors.endBeforeStart' });
		else if (Date.parse(v.to) - Date.parse(v.from) > 366 * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: 'courses.offer.errors.tooManySessions' });
	});
export type WeeklyPattern = z.output<typeof weeklyPatternSchema>;

/** One session on a date. */
export const oneSessionSchema = z
	.object({ date: day('pro.errors.date'), start: time, end: time })
	.superRefine((v, ctx) => {
		if (v.end <= v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'courses.offer.errors.endTime' });
	});
export type OneSession = z.output<typeof oneSessionSchema>;

export const sessionIdSchema = z.object({ session: z.uuid('pro.errors.invalid') });
/** Archiving and cancelling ask for a ticked confirmation (cancelling ends every request and place). */
export const confirmSchema = z.object({ confirm: z.literal('yes', 'courses.offer.errors.confirm') });
export const versionSchema = z.object({ version: z.string().regex(/^\d{1,9}$/).transform(Number) });
