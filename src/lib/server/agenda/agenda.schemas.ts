import { z } from 'zod';
import { audiences, categories } from './agenda.types';
import { buildRule, expandTiming, repeatChoices, type Timing } from './recurrence';

// The activity form as posted (pro space), the public proposal form, and the agenda's filters.

const optional = (schema: z.ZodType<string, string>) => z.string().trim().transform((v) => (v === '' ? null : v)).pipe(schema.nullable());
const isoDate = z.iso.date('agenda.errors.date');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'agenda.errors.time');

const fields = {
	title: z.string().trim().min(3, 'agenda.errors.required').max(160, 'agenda.errors.tooLong'),
	description: z.string().trim().max(3000, 'agenda.errors.tooLong'),
	category: z.enum(categories, 'agenda.errors.category'),
	startDate: isoDate,
	startTime: optional(clock),
	endDate: optional(isoDate),
	endTime: optional(clock),
	repeat: z.enum(repeatChoices, 'agenda.errors.invalid'),
	until: optional(isoDate),
	count: z.union([z.literal(''), z.coerce.number().int('agenda.errors.count').min(2, 'agenda.errors.count').max(200, 'agenda.errors.count')]).transform((v) => (v === '' ? null : v)),
	custom: z.string().trim().max(300, 'agenda.errors.tooLong'),
	exdates: z.string().max(2000, 'agenda.errors.tooLong'),
	mode: z.enum(['place', 'online'], 'agenda.errors.required'),
	placeName: optional(z.string().max(160, 'agenda.errors.tooLong')),
	street: optional(z.string().max(200, 'agenda.errors.tooLong')),
	postalCode: optional(z.string().regex(/^\d{4}$/, 'agenda.errors.postalCode')),
	nisCode: optional(z.string().regex(/^\d{5}$/, 'agenda.errors.municipality')),
	onlineUrl: optional(z.url({ protocol: /^https?$/, error: 'agenda.errors.url' })),
	free: z.boolean(),
	price: z.string().trim().max(200, 'agenda.errors.tooLong'),
	registration: z.enum(['none', 'required'], 'agenda.errors.required'),
	registrationUrl: optional(z.url({ protocol: /^https?$/, error: 'agenda.errors.url' })),
	registrationPhone: optional(z.string().regex(/^\+?[\d\s./()-]{6,20}$/, 'agenda.errors.phone')),
	languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).max(30).default([]),
	interpreter: z.boolean(),
	childcare: z.boolean(),
	wheelchair: z.boolean(),
	audience: z.enum(audiences, 'agenda.errors.required'),
	url: optional(z.url({ protocol: /^https?$/, error: 'agenda.errors.url' }))
};

export const eventFormSchema = z.object(fields);
export type EventFormData = z.infer<typeof eventFormSchema>;
/** A checked form: its fields, and the timing (rule built, exceptions read) that expands without problem. */
export type EventInput = EventFormData & { timing: Timing };

/** The public proposal: the same fields, who organises it, an optional contact, and a trap for robots. */
export const proposalExtraSchema = z.object({
	organiserName: z.string().trim().min(2, 'agenda.errors.required').max(160, 'agenda.errors.tooLong'),
	contact: z.string().trim().max(200, 'agenda.errors.tooLong').transform((v) => (v === '' ? null : v)),
	website: z.string().max(500).optional()
});
export type ProposalExtra = z.infer<typeof proposalExtraSchema>;

/** Exception dates typed one per line or separated by commas: 2026-12-24 or 24/12/2026. */
export function readExdates(text: string): { dates: string[]; ok: boolean } {
	const dates: string[] = [];
	for (const part of text.split(/[\n,;]+/).map((p) => p.trim()).filter(Boolean)) {
		const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(part);
		const be = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(part);
		const value = iso ? part : be ? `${be[3]}-${be[2]!.padStart(2, '0')}-${be[1]!.padStart(2, '0')}` : null;
		if (!value || !isoDate.safeParse(value).success) return { dates: [], ok: false };
		dates.push(value);
	}
	return { dates: [...new Set(dates)].sort(), ok: true };
}

const text = (data: FormData, key: string, max = 5000) => String(data.get(key) ?? '').slice(0, max);

/** Reads the posted activity form; errors are catalogue keys by field, `raw` is what was typed. */
export function readEventForm(data: FormData) {
	const raw = {
		title: text(data, 'title'),
		description: text(data, 'description'),
		category: text(data, 'category'),
		startDate: text(data, 'startDate').trim(),
		startTime: text(data, 'startTime').trim(),
		endDate: text(data, 'endDate').trim(),
		endTime: text(data, 'endTime').trim(),
		repeat: text(data, 'repeat') || 'none',
		until: text(data, 'until').trim(),
		count: text(data, 'count').trim(),
		custom: text(data, 'custom'),
		exdates: text(data, 'exdates'),
		mode: text(data, 'mode') || 'place',
		placeName: text(data, 'placeName'),
		street: text(data, 'street'),
		postalCode: text(data, 'postalCode').trim(),
		nisCode: text(data, 'nisCode'),
		onlineUrl: text(data, 'onlineUrl').trim(),
		free: data.get('free') === 'on',
		price: text(data, 'price'),
		registration: text(data, 'registration') || 'none',
		registrationUrl: text(data, 'registrationUrl').trim(),
		registrationPhone: text(data, 'registrationPhone').trim(),
		languages: data.getAll('languages').map(String).slice(0, 40),
		interpreter: data.get('interpreter') === 'on',
		childcare: data.get('childcare') === 'on',
		wheelchair: data.get('wheelchair') === 'on',
		audience: text(data, 'audience') || 'all',
		url: text(data, 'url').trim()
	};
	const parsed = eventFormSchema.safeParse(raw);
	const errors: Record<string, string> = {};
	if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= /^agenda\./.test(issue.message) ? issue.message : 'agenda.errors.invalid';
	const exdates = readExdates(raw.exdates);
	if (!exdates.ok) errors.exdates = 'agenda.errors.exdates';
	if (!parsed.success) return { raw, data: null, errors };
	const f = parsed.data;
	// What depends on several fields: the place or the link, a price, how to register, the dates.
	if (f.mode === 'place') {
		if (!f.nisCode) errors.nisCode = 'agenda.errors.municipality';
		if (!f.street && !f.placeName) errors.street = 'agenda.errors.place';
	} else if (!f.onlineUrl) errors.onlineUrl = 'agenda.errors.url';
	if (!f.free && !f.price) errors.price = 'agenda.errors.price';
	if (f.registration === 'required' && !f.registrationUrl && !f.registrationPhone) errors.registrationUrl = 'agenda.errors.registration';
	if (f.startTime === null && f.endTime !== null) errors.startTime = 'agenda.errors.startTime';
	if ((f.repeat === 'daily' || f.repeat === 'weekly' || f.repeat === 'biweekly' || f.repeat === 'monthly') && !f.until && !f.count) errors.until = 'agenda.errors.recurrenceNoEnd';
	if (f.repeat === 'custom' && !f.custom) errors.custom = 'agenda.errors.recurrenceInvalid';
	const timing: Timing = {
		startDate: f.startDate,
		startTime: f.startTime,
		endDate: f.endDate,
		endTime: f.endTime,
		rrule: buildRule(f.repeat, f.startDate, f.startTime === null, { until: f.until, count: f.count }, f.custom),
		exdates: exdates.dates
	};
	// The dates themselves first (so an end before the start shows even when the repetition is wrong too).
	const single = expandTiming({ ...timing, rrule: null, exdates: [] });
	if (!single.ok) errors[f.endTime ? 'endTime' : 'endDate'] = single.problem;
	else if (timing.rrule && !errors.until && !errors.custom && !errors.startTime) {
		const checked = expandTiming(timing);
		// Each problem next to the field that causes it.
		if (!checked.ok) errors[f.repeat === 'custom' ? 'custom' : f.until ? 'until' : 'count'] = checked.problem;
		else if (checked.occurrences.length === 0) errors.exdates = 'agenda.errors.noDateLeft';
	}
	if (Object.keys(errors).length) return { raw, data: null, errors };
	return { raw, data: { ...f, timing } as EventInput, errors };
}

/** The public agenda's filters (GET), the same for the page and the feeds. */
export const agendaQuerySchema = z.object({
	municipality: z.string().regex(/^\d{5}$/).optional().catch(undefined),
	category: z.enum(categories).optional().catch(undefined),
	lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional().catch(undefined),
	free: z.literal('1').optional().catch(undefined),
	childcare: z.literal('1').optional().catch(undefined),
	from: isoDate.optional().catch(undefined),
	to: isoDate.optional().catch(undefined),
	view: z.enum(['day', 'week']).optional().catch(undefined)
});
export type AgendaQuery = z.infer<typeof agendaQuerySchema>;

/** Reads the filters; a wrong value is dropped (and named in `ignored`) rather than failing the page. */
export function parseAgendaQuery(params: URLSearchParams): { query: AgendaQuery; ignored: string[] } {
	const input = Object.fromEntries(['municipality', 'category', 'lang', 'free', 'childcare', 'from', 'to', 'view'].map((k) => [k, params.get(k) || undefined]));
	const query = agendaQuerySchema.parse(input);
	const ignored = Object.keys(input).filter((k) => input[k] !== undefined && query[k as keyof AgendaQuery] === undefined);
	return { query, ignored };
}

/** The query string of a set of filters (for links between periods and to the feeds). */
export function agendaQueryString(q: AgendaQuery, extra: Record<string, string> = {}): string {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) p.set(k, String(v));
	return p.toString();
}
