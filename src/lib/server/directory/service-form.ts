import { z } from 'zod';
import { accessModes, audiences, capacities, welcomeTypes } from './directory.types';
import { parseDayHours } from './hours-input';
import { readEligibleNis, readExceptionRows, readLocationRows, type ExceptionInput, type LocationInput } from './service-form-rows';
import type { Slot } from './hours';
import { allTermIds } from './taxonomy';

// The service form as posted: its schema and its reader (also used by spreadsheet imports, so
// a row of a file is refused with the same messages as the form).

const optional = (schema: z.ZodType<string, string>) => z.string().trim().transform((v) => (v === '' ? null : v)).pipe(schema.nullable());

/** The service form; every issue is a catalogue key shown next to its field. */
export const serviceFormSchema = z.object({
	name: z.string().trim().min(2, 'pro.errors.required').max(160, 'pro.errors.tooLong'),
	description: z.string().trim().max(3000, 'pro.errors.tooLong'),
	documents: z.string().trim().max(1000, 'pro.errors.tooLong'),
	needs: z.array(z.enum(allTermIds as [string, ...string[]])).min(1, 'pro.errors.needs'),
	phone: optional(z.string().regex(/^\+?[\d\s./()-]{6,20}$/, 'pro.errors.phone')),
	email: optional(z.string().toLowerCase().pipe(z.email('pro.errors.emailInvalid'))),
	url: optional(z.url({ protocol: /^https?$/, error: 'pro.errors.url' })),
	accessModes: z.array(z.enum(accessModes)).default([]),
	welcomeType: z.enum(welcomeTypes, 'pro.errors.required'),
	audiences: z.array(z.enum(audiences)).default([]),
	womenOnly: z.boolean(),
	ageMin: z.union([z.literal(''), z.coerce.number().int('pro.errors.age').min(0, 'pro.errors.age').max(120, 'pro.errors.age')]).transform((v) => (v === '' ? null : v)),
	ageMax: z.union([z.literal(''), z.coerce.number().int('pro.errors.age').min(0, 'pro.errors.age').max(120, 'pro.errors.age')]).transform((v) => (v === '' ? null : v)),
	capacity: z.union([z.literal(''), z.enum(capacities)]).transform((v) => (v === '' ? null : v)),
	languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).max(30).default([]),
	feeDetails: z.string().trim().max(500, 'pro.errors.tooLong'),
	free: z.boolean(),
	childcare: z.boolean(),
	wheelchair: z.boolean(),
	noPapers: z.boolean(),
	closedOnPublicHolidays: z.boolean(),
	/** Months between reminders to check the service (campaigns aside). */
	updateFrequencyMonths: z.coerce.number('pro.errors.updateFrequency').int('pro.errors.updateFrequency').min(1, 'pro.errors.updateFrequency').max(36, 'pro.errors.updateFrequency'),
	hours: z.array(z.object({ weekday: z.number(), text: z.string().max(100) }))
});
/** The form as read: the schema's fields plus the repeated rows (service-form-rows.ts). */
export type ServiceForm = z.infer<typeof serviceFormSchema> & {
	exceptions: ExceptionInput[];
	/** Ids of exceptions whose "remove" box was ticked; an exception not posted is kept (past ones are not shown). */
	removedExceptions: string[];
	locations: LocationInput[];
	/** Municipalities whose residents may use the service; empty = everyone. */
	eligibleNis: string[];
};

/** Reads the posted form (checkboxes, the seven days' hours, exceptions, addresses, zone) into the schema's shape. */
export function readServiceForm(data: FormData) {
	const raw = {
		name: String(data.get('name') ?? ''),
		description: String(data.get('description') ?? ''),
		documents: String(data.get('documents') ?? ''),
		needs: data.getAll('needs').map(String),
		phone: String(data.get('phone') ?? ''),
		email: String(data.get('email') ?? ''),
		url: String(data.get('url') ?? ''),
		accessModes: data.getAll('accessModes').map(String),
		welcomeType: String(data.get('welcomeType') ?? 'unconditional'),
		audiences: data.getAll('audiences').map(String),
		womenOnly: data.get('womenOnly') === 'on',
		ageMin: String(data.get('ageMin') ?? '').trim(),
		ageMax: String(data.get('ageMax') ?? '').trim(),
		capacity: String(data.get('capacity') ?? ''),
		languages: data.getAll('languages').map(String),
		feeDetails: String(data.get('feeDetails') ?? ''),
		free: data.get('free') === 'on',
		childcare: data.get('childcare') === 'on',
		wheelchair: data.get('wheelchair') === 'on',
		noPapers: data.get('noPapers') === 'on',
		closedOnPublicHolidays: data.get('closedOnPublicHolidays') === 'on',
		updateFrequencyMonths: String(data.get('updateFrequencyMonths') ?? '12').trim() || '12',
		hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, text: String(data.get(`hours${weekday}`) ?? '').slice(0, 100) }))
	};
	const parsed = serviceFormSchema.safeParse(raw);
	const errors: Record<string, string> = {};
	if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message.startsWith('pro.') ? issue.message : 'pro.errors.invalid';
	const slots: Slot[] = [];
	for (const day of raw.hours) {
		const read = parseDayHours(day.weekday, day.text);
		if (read === null) errors[`hours${day.weekday}`] = 'pro.errors.hours';
		else slots.push(...read);
	}
	const exceptions = readExceptionRows(data);
	const locations = readLocationRows(data);
	const zone = readEligibleNis(data);
	Object.assign(errors, exceptions.errors, locations.errors, zone.errors);
	const form: ServiceForm | null = parsed.success
		? { ...parsed.data, exceptions: exceptions.exceptions, removedExceptions: exceptions.removed, locations: locations.locations, eligibleNis: zone.eligibleNis }
		: null;
	return { raw: { ...raw, exceptions: exceptions.rows, locations: locations.rows, eligibleNis: zone.raw }, data: form, slots, errors };
}
