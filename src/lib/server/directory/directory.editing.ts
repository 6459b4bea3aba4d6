import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { userAccount } from '../identity/identity.table';
import { createDirectoryRepository } from './directory.repository';
import { location, schedule, service, serviceAtLocation, serviceHistory, serviceTaxonomy, translation } from './directory.table';
import { accessModes, audiences, capacities, welcomeTypes, type PublishedService } from './directory.types';
import { formatDayHours, parseDayHours } from './hours-input';
import type { Slot } from './hours';
import { allTermIds } from './taxonomy';
import type { MachineTranslator } from './translation/machine-translation';
import { createTranslations } from './translation/translations';

const optional = (schema: z.ZodType<string, string>) => z.string().trim().transform((v) => (v === '' ? null : v)).pipe(schema.nullable());

/** The service form; every issue is a catalogue key shown next to its field. */
export const serviceFormSchema = z.object({
	name: z.string().trim().min(2, 'pro.errors.required').max(160, 'pro.errors.tooLong'),
	description: z.string().trim().max(3000, 'pro.errors.tooLong'),
	documents: z.string().trim().max(1000, 'pro.errors.tooLong'),
	needs: z.array(z.enum(allTermIds as [string, ...string[]])).min(1, 'pro.errors.needs'),
	street: z.string().trim().min(2, 'pro.errors.required').max(160, 'pro.errors.tooLong'),
	postalCode: z.string().trim().regex(/^\d{4}$/, 'pro.errors.postalCode'),
	nisCode: z.string().regex(/^\d{5}$/, 'pro.errors.municipality'),
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
	hours: z.array(z.object({ weekday: z.number(), text: z.string().max(100) }))
});
export type ServiceForm = z.infer<typeof serviceFormSchema>;

/** Reads the posted form (checkboxes, the seven days' hours) into the schema's shape. */
export function readServiceForm(data: FormData) {
	const raw = {
		name: String(data.get('name') ?? ''),
		description: String(data.get('description') ?? ''),
		documents: String(data.get('documents') ?? ''),
		needs: data.getAll('needs').map(String),
		street: String(data.get('street') ?? ''),
		postalCode: String(data.get('postalCode') ?? ''),
		nisCode: String(data.get('nisCode') ?? ''),
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
	return { raw, data: parsed.success ? parsed.data : null, slots, errors };
}

type Ctx = { actorUserId: string; ipHash: string };

export function createServiceEditing({ db, translator = null }: { db: Database; translator?: MachineTranslator | null }) {
	const repo = createDirectoryRepository({ db });

	async function history(serviceId: string, ctx: Ctx, action: string, comment: string | null = null, withSnapshot = true) {
		const snapshot = withSnapshot ? await repo.snapshot(serviceId, new Date()) : null;
		await db.insert(serviceHistory).values({ serviceId, actorUserId: ctx.actorUserId, action, comment, snapshot });
	}

	async function audit(serviceId: string, organisationId: string, action: string, ctx: Ctx) {
		await recordAudit(db, { actorUserId: ctx.actorUserId, organisationId, action, subjectType: 'service', subjectId: serviceId, ipHash: ctx.ipHash });
	}

	async function byId(id: string) {
		const [row] = await db.select().from(service).where(eq(service.id, id));
		return row ?? null;
	}

	async function listForOrganisation(organisationId: string) {
		const rows = await db.select().from(service).where(eq(service.organisationId, organisationId)).orderBy(desc(service.updatedAt));
		const names = rows.length ? await db.select().from(translation).where(and(eq(translation.entityType, 'service'), eq(translation.field, 'name'), eq(translation.locale, 'fr'), inArray(translation.entityId, rows.map((r) => r.id)))) : [];
		return rows.map((r) => ({ id: r.id, status: r.status, isPublic: r.published !== null, updatedAt: r.updatedAt, name: names.find((n) => n.entityId === r.id)?.text ?? '' }));
	}

	/** The working version as form values (what the organisation last saved). */
	async function formValues(id: string) {
		const snap = await repo.snapshot(id, new Date());
		const loc = snap.locations[0];
		return {
			name: snap.name.fr?.text ?? '',
			description: snap.description.fr?.text ?? '',
			documents: snap.documents.fr?.text ?? '',
			needs: snap.needs,
			street: loc?.street ?? '',
			postalCode: loc?.postalCode ?? '',
			nisCode: loc?.nisCode ?? '',
			phone: snap.phone ?? '',
			email: snap.email ?? '',
			url: snap.url ?? '',
			accessModes: snap.accessModes,
			welcomeType: snap.welcomeType,
			audiences: snap.audiences.filter((a) => a !== 'undocumented'),
			womenOnly: snap.gender === 'women',
			ageMin: snap.ageMin === null ? '' : String(snap.ageMin),
			ageMax: snap.ageMax === null ? '' : String(snap.ageMax),
			capacity: snap.capacity ?? '',
			languages: snap.languages,
			feeDetails: snap.feeDetails.fr?.text ?? '',
			free: snap.free,
			childcare: snap.childcare,
			wheelchair: snap.wheelchair,
			noPapers: snap.audiences.includes('undocumented'),
			closedOnPublicHolidays: snap.closedOnPublicHolidays,
			hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, formatDayHours(snap.hours.filter((h) => h.weekday === d))]))
		};
	}

	async function create(organisationId: string, ctx: Ctx): Promise<string> {
		const [row] = await db.insert(service).values({ organisationId, status: 'draft' }).returning({ id: service.id });
		await history(row!.id, ctx, 'created', null, false);
		await audit(row!.id, organisationId, 'directory.service.created', ctx);
		return row!.id;
	}

	/**
	 * Saves the organisation's working version. The public keeps seeing the last published
	 * snapshot until a directory editor publishes this one.
	 */
	async function save(id: string, form: ServiceForm, slots: Slot[], ctx: Ctx): Promise<void> {
		const current = (await byId(id))!;
		await db.transaction(async (tx) => {
			await tx
				.update(service)
				.set({
					status: 'draft',
					accessModes: form.accessModes,
					welcomeType: form.welcomeType,
					gender: form.womenOnly ? 'women' : 'any',
					ageMin: form.ageMin,
					ageMax: form.ageMax,
					capacity: form.capacity,
					languages: [...new Set(['fr', ...form.languages])],
					free: form.free,
					childcare: form.childcare,
					wheelchair: form.wheelchair,
					audiences: [...new Set([...form.audiences.filter((a) => a !== 'undocumented'), ...(form.noPapers ? ['undocumented'] : [])])],
					closedOnPublicHolidays: form.closedOnPublicHolidays,
					phone: form.phone,
					email: form.email,
					url: form.url,
					updatedAt: new Date()
				})
				.where(eq(service.id, id));
			for (const [field, text] of [['name', form.name], ['description', form.description], ['documents', form.documents], ['fee_details', form.feeDetails]] as const) {
				await tx.delete(translation).where(and(eq(translation.entityType, 'service'), eq(translation.entityId, id), eq(translation.field, field), eq(translation.locale, 'fr')));
				if (text) await tx.insert(translation).values({ entityType: 'service', entityId: id, field, locale: 'fr', text, status: 'source' });
			}
			await tx.delete(serviceTaxonomy).where(eq(serviceTaxonomy.serviceId, id));
			await tx.insert(serviceTaxonomy).values(form.needs.map((termId) => ({ serviceId: id, termId })));
			await tx.delete(schedule).where(eq(schedule.serviceId, id));
			if (slots.length) await tx.insert(schedule).values(slots.map((s) => ({ serviceId: id, ...s })));
			const [link] = await tx.select().from(serviceAtLocation).where(eq(serviceAtLocation.serviceId, id)).orderBy(asc(serviceAtLocation.id));
			const place = { street: form.street, postalCode: form.postalCode, nisCode: form.nisCode };
			if (link) await tx.update(location).set(place).where(eq(location.id, link.locationId));
			else {
				const [loc] = await tx.insert(location).values({ organisationId: current.organisationId, ...place }).returning({ id: location.id });
				await tx.insert(serviceAtLocation).values({ serviceId: id, locationId: loc!.id });
			}
		});
		// Translations of a changed French source: machine ones refreshed or dropped, reviewed ones outdated.
		await createTranslations({ db, translator }).refresh(id);
		await history(id, ctx, 'saved');
		await audit(id, current.organisationId, 'directory.service.saved', ctx);
	}

	async function submit(id: string, ctx: Ctx) {
		const current = (await byId(id))!;
		await db.update(service).set({ status: 'submitted' }).where(eq(service.id, id));
		await history(id, ctx, 'submitted', null, false);
		await audit(id, current.organisationId, 'directory.service.submitted', ctx);
	}

	async function publish(id: string, ctx: Ctx, comment: string | null) {
		const current = (await byId(id))!;
		await repo.publish(id, ctx.actorUserId, comment);
		await audit(id, current.organisationId, 'directory.service.published', ctx);
	}

	async function returnToOrganisation(id: string, ctx: Ctx, comment: string) {
		const current = (await byId(id))!;
		await db.update(service).set({ status: 'returned' }).where(eq(service.id, id));
		await history(id, ctx, 'returned', comment, false);
		await audit(id, current.organisationId, 'directory.service.returned', ctx);
	}

	/** A person confirms the information is still right: last_verified_at, also on the public page. */
	async function markVerified(id: string, ctx: Ctx) {
		const current = (await byId(id))!;
		const now = new Date();
		const published = current.published as PublishedService | null;
		await db
			.update(service)
			.set({ lastVerifiedAt: now, lastVerifiedBy: ctx.actorUserId, ...(published ? { published: { ...published, lastVerifiedAt: now.toISOString() } } : {}) })
			.where(eq(service.id, id));
		await history(id, ctx, 'verified', null, false);
		await audit(id, current.organisationId, 'directory.service.verified', ctx);
		if (published) await repo.bumpVersion();
	}

	async function historyOf(id: string) {
		return db
			.select({ at: serviceHistory.at, action: serviceHistory.action, comment: serviceHistory.comment, actor: userAccount.name })
			.from(serviceHistory)
			.leftJoin(userAccount, eq(userAccount.id, serviceHistory.actorUserId))
			.where(eq(serviceHistory.serviceId, id))
			.orderBy(desc(serviceHistory.id));
	}

	async function queue() {
		const rows = await db.select().from(service).where(eq(service.status, 'submitted')).orderBy(asc(service.updatedAt));
		return Promise.all(rows.map(async (r) => ({ id: r.id, organisationId: r.organisationId, updatedAt: r.updatedAt, name: (await repo.snapshot(r.id, new Date())).name.fr?.text ?? '' })));
	}

	/** What a publication would change for the public: field by field, before and after. */
	async function diff(id: string) {
		const current = (await byId(id))!;
		const after = await repo.snapshot(id, new Date());
		const before = current.published as PublishedService | null;
		const view = (s: PublishedService | null) =>
			s
				? {
						name: s.name.fr?.text ?? '',
						description: s.description.fr?.text ?? '',
						documents: s.documents.fr?.text ?? '',
						needs: s.needs.join(', '),
						address: s.locations.map((l) => `${l.street}, ${l.postalCode} ${l.municipality}`).join(' / '),
						hours: [1, 2, 3, 4, 5, 6, 7].map((d) => formatDayHours(s.hours.filter((h) => h.weekday === d)) || '—').join(' | '),
						contact: [s.phone, s.email, s.url].filter(Boolean).join(' · '),
						conditions: [s.welcomeType, ...s.accessModes, ...s.audiences, s.gender === 'women' ? 'women' : '', s.ageMin !== null || s.ageMax !== null ? `${s.ageMin ?? 0}-${s.ageMax ?? ''}` : '', s.free ? 'free' : 'paid', s.feeDetails.fr?.text ?? '', s.childcare ? 'childcare' : '', s.wheelchair ? 'wheelchair' : '', s.capacity ?? ''].filter(Boolean).join(', '),
						languages: s.languages.join(', ')
					}
				: null;
		const a = view(after)!;
		const b = view(before);
		return (Object.keys(a) as (keyof typeof a)[]).map((field) => ({ field, before: b?.[field] ?? null, after: a[field], changed: !b || b[field] !== a[field] }));
	}

	return { byId, listForOrganisation, formValues, create, save, submit, publish, returnToOrganisation, markVerified, historyOf, queue, diff };
}
