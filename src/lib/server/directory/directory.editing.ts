import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { userAccount } from '../identity/identity.table';
import { createDirectoryRepository } from './directory.repository';
import { municipality } from '../territory/territory.table';
import { location, schedule, scheduleException, service, serviceAtLocation, serviceHistory, serviceTaxonomy, translation } from './directory.table';
import type { PublishedService } from './directory.types';
import { formatDayHours } from './hours-input';
import { addDays, PAST_EXCEPTION_DAYS, type ExceptionRow, type LocationInput, type LocationRow } from './service-form-rows';
import { brusselsNow, type Slot } from './hours';
import type { MachineTranslator } from './translation/machine-translation';
import { createTranslations } from './translation/translations';
import type { ServiceForm } from './service-form';

type Ctx = { actorUserId: string; ipHash: string };

/** A UUID (version 7 layout) that sorts by time then by `n`: the order of a service's addresses. */
function orderedUuid(ms: number, n: number): string {
	const hex = ms.toString(16).padStart(12, '0').slice(-12);
	const rand = randomBytes(8).toString('hex');
	const variant = ((parseInt(rand[0]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${n.toString(16).padStart(3, '0').slice(-3)}-${variant}${rand.slice(1, 4)}-${rand.slice(4, 16)}`;
}

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
		const cutoff = addDays(brusselsNow(new Date()).date, -PAST_EXCEPTION_DAYS);
		const exceptionRows = await db.select().from(scheduleException).where(eq(scheduleException.serviceId, id)).orderBy(asc(scheduleException.startsOn));
		const messages = exceptionRows.length
			? await db.select().from(translation).where(and(eq(translation.entityType, 'schedule_exception'), eq(translation.field, 'message'), eq(translation.locale, 'fr'), inArray(translation.entityId, exceptionRows.map((e) => e.id))))
			: [];
		// Exceptions over for a while are kept (and published) but not shown: the form says how many.
		const shown = exceptionRows.filter((e) => e.endsOn >= cutoff);
		const exceptions: ExceptionRow[] = shown.map((e) => ({
			id: e.id,
			startsOn: e.startsOn,
			endsOn: e.endsOn,
			kind: e.kind,
			hours: formatDayHours(((e.hours as { opensAt: string; closesAt: string }[] | null) ?? []).map((h) => ({ weekday: 1, ...h }))),
			noticeFrom: e.noticeFrom,
			message: messages.find((m) => m.entityId === e.id)?.text ?? '',
			remove: false
		}));
		const locations: LocationRow[] = snap.locations.map((l) => ({ id: l.id, existing: '', street: l.street, postalCode: l.postalCode, nisCode: l.nisCode, remove: false }));
		return {
			name: snap.name.fr?.text ?? '',
			description: snap.description.fr?.text ?? '',
			documents: snap.documents.fr?.text ?? '',
			needs: snap.needs,
			locations,
			eligibleNis: snap.eligibleNis,
			exceptions,
			pastExceptions: exceptionRows.length - shown.length,
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
			updateFrequencyMonths: String((await byId(id))?.updateFrequencyMonths ?? 12),
			hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, formatDayHours(snap.hours.filter((h) => h.weekday === d))]))
		};
	}

	/** The organisation's addresses, to choose one for a service instead of typing it again. */
	async function organisationLocations(organisationId: string, serviceId: string) {
		const rows = await db
			.select({ l: location, municipality: municipality.nameFr })
			.from(location)
			.innerJoin(municipality, eq(municipality.nisCode, location.nisCode))
			.where(eq(location.organisationId, organisationId))
			.orderBy(asc(location.street));
		const linked = await db.select({ id: serviceAtLocation.locationId }).from(serviceAtLocation).where(eq(serviceAtLocation.serviceId, serviceId));
		return rows.map(({ l, municipality }) => ({ id: l.id, label: `${l.name ? `${l.name}, ` : ''}${l.street}, ${l.postalCode} ${municipality}`, linked: linked.some((x) => x.id === l.id) }));
	}

	/**
	 * The address rows checked against the database: an edited address must be one of this
	 * service's, a chosen one must belong to the organisation (a tampered form is refused, not saved).
	 */
	async function locationErrors(organisationId: string, serviceId: string, rows: LocationRow[]): Promise<Record<string, string>> {
		const own = await organisationLocations(organisationId, serviceId);
		const errors: Record<string, string> = {};
		rows.forEach((r, i) => {
			if (r.remove) return;
			if (r.id && !own.some((l) => l.id === r.id && l.linked)) errors[`loc-${i}-id`] = 'pro.errors.invalid';
			else if (!r.id && r.existing && !own.some((l) => l.id === r.existing)) errors[`loc-${i}-existing`] = 'pro.errors.invalid';
		});
		return errors;
	}

	async function create(organisationId: string, ctx: Ctx): Promise<string> {
		const [row] = await db.insert(service).values({ organisationId, status: 'draft' }).returning({ id: service.id });
		await history(row!.id, ctx, 'created', null, false);
		await audit(row!.id, organisationId, 'directory.service.created', ctx);
		return row!.id;
	}

	type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

	/** Dated exceptions: ticked ones deleted, posted ones updated in place (their translations stay), new ones added. */
	async function saveExceptions(tx: Tx, serviceId: string, form: ServiceForm) {
		if (form.removedExceptions.length) {
			const gone = await tx
				.delete(scheduleException)
				.where(and(eq(scheduleException.serviceId, serviceId), inArray(scheduleException.id, form.removedExceptions)))
				.returning({ id: scheduleException.id });
			if (gone.length) await tx.delete(translation).where(and(eq(translation.entityType, 'schedule_exception'), inArray(translation.entityId, gone.map((g) => g.id))));
		}
		for (const e of form.exceptions) {
			const values = { startsOn: e.startsOn, endsOn: e.endsOn, kind: e.kind, hours: e.kind === 'hours' ? e.hours : null, noticeFrom: e.noticeFrom };
			const [updated] = e.id
				? await tx.update(scheduleException).set(values).where(and(eq(scheduleException.id, e.id), eq(scheduleException.serviceId, serviceId))).returning({ id: scheduleException.id })
				: [];
			const exceptionId = updated?.id ?? (await tx.insert(scheduleException).values({ serviceId, ...values }).returning({ id: scheduleException.id }))[0]!.id;
			const message = and(eq(translation.entityType, 'schedule_exception'), eq(translation.entityId, exceptionId), eq(translation.field, 'message'));
			const [source] = await tx.select().from(translation).where(and(message, eq(translation.locale, 'fr')));
			if (source?.text === e.message) continue;
			// No French message left: its translations have nothing left to translate.
			if (!e.message) await tx.delete(translation).where(message);
			else if (source) await tx.update(translation).set({ text: e.message, status: 'source', updatedAt: new Date() }).where(and(message, eq(translation.locale, 'fr')));
			else await tx.insert(translation).values({ entityType: 'schedule_exception', entityId: exceptionId, field: 'message', locale: 'fr', text: e.message, status: 'source' });
		}
	}

	/**
	 * The service's addresses, in the form's order (the first is the main one). An address shared
	 * with another service is never changed under it: an edit makes a new address for this service.
	 * An address no service uses any more is deleted.
	 */
	async function saveLocations(tx: Tx, serviceId: string, organisationId: string, inputs: LocationInput[]) {
		const before = await tx.select({ locationId: serviceAtLocation.locationId }).from(serviceAtLocation).where(eq(serviceAtLocation.serviceId, serviceId));
		const own = await tx.select().from(location).where(eq(location.organisationId, organisationId));
		const sharedWithOthers = async (locationId: string) =>
			(await tx.select({ id: serviceAtLocation.id }).from(serviceAtLocation).where(and(eq(serviceAtLocation.locationId, locationId), ne(serviceAtLocation.serviceId, serviceId))).limit(1)).length > 0;
		const targets: string[] = [];
		for (const input of inputs) {
			const place = { street: input.street, postalCode: input.postalCode, nisCode: input.nisCode };
			if (input.existing) {
				if (own.some((l) => l.id === input.existing)) targets.push(input.existing);
				continue;
			}
			const linked = input.id && before.some((b) => b.locationId === input.id) ? own.find((l) => l.id === input.id) : undefined;
			if (linked && linked.street === place.street && linked.postalCode === place.postalCode && linked.nisCode === place.nisCode) targets.push(linked.id);
			else if (linked && !(await sharedWithOthers(linked.id))) {
				// The coordinates were those of the old address; search falls back to the municipality.
				await tx.update(location).set({ ...place, lat: null, lon: null }).where(eq(location.id, linked.id));
				targets.push(linked.id);
			} else {
				const [created] = await tx.insert(location).values({ organisationId, ...place }).returning({ id: location.id });
				targets.push(created!.id);
			}
		}
		const ordered = [...new Set(targets)];
		await tx.delete(serviceAtLocation).where(eq(serviceAtLocation.serviceId, serviceId));
		const stamp = Date.now();
		if (ordered.length) await tx.insert(serviceAtLocation).values(ordered.map((locationId, i) => ({ id: orderedUuid(stamp, i), serviceId, locationId })));
		for (const { locationId } of before) {
			if (ordered.includes(locationId)) continue;
			const [still] = await tx.select({ id: serviceAtLocation.id }).from(serviceAtLocation).where(eq(serviceAtLocation.locationId, locationId)).limit(1);
			if (!still) await tx.delete(location).where(eq(location.id, locationId));
		}
	}

	/**
	 * Saves the organisation's working version. The public keeps seeing the last published
	 * snapshot until a directory editor publishes this one. A spreadsheet import saves with
	 * action `imported` and sends the result for review at once (status `submitted`).
	 */
	async function save(id: string, form: ServiceForm, slots: Slot[], ctx: Ctx, { status = 'draft', action = 'saved' }: { status?: 'draft' | 'submitted'; action?: 'saved' | 'imported' } = {}): Promise<void> {
		const current = (await byId(id))!;
		await db.transaction(async (tx) => {
			await tx
				.update(service)
				.set({
					status,
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
					updateFrequencyMonths: form.updateFrequencyMonths,
					eligibleNis: form.eligibleNis,
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
			await saveExceptions(tx, id, form);
			await saveLocations(tx, id, current.organisationId, form.locations);
		});
		// Translations of a changed French source: machine ones refreshed or dropped, reviewed ones outdated.
		await createTranslations({ db, translator }).refresh(id);
		await history(id, ctx, action);
		await audit(id, current.organisationId, `directory.service.${action}`, ctx);
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
		const names = new Map((await db.select({ nis: municipality.nisCode, name: municipality.nameFr }).from(municipality)).map((m) => [m.nis, m.name]));
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
						zone: s.eligibleNis.map((n) => names.get(n) ?? n).join(', '),
						exceptions: s.exceptions
							.map((e) => `${e.startsOn} → ${e.endsOn} : ${e.kind === 'closed' ? 'closed' : `hours ${(e.hours ?? []).map((h) => `${h.opensAt}-${h.closesAt}`).join(', ')}`} (notice ${e.noticeFrom})${e.message.fr ? ` « ${e.message.fr.text} »` : ''}`)
							.join(' / '),
						hours: [1, 2, 3, 4, 5, 6, 7].map((d) => formatDayHours(s.hours.filter((h) => h.weekday === d)) || '—').join(' | '),
						contact: [s.phone, s.email, s.url].filter(Boolean).join(' · '),
						conditions: [s.welcomeType, ...s.accessModes, ...s.audiences, s.gender === 'women' ? 'women' : '', s.ageMin !== null || s.ageMax !== null ? `${s.ageMin ?? 0}-${s.ageMax ?? ''}` : '', s.free ? 'free' : 'paid', s.feeDetails.fr?.text ?? '', s.childcare ? 'childcare' : '', s.wheelchair ? 'wheelchair' : '', s.capacity ?? ''].filter(Boolean).join(', '),
						languages: s.languages.join(', '),
						// Every non-French text the public would read, with how it was made.
						translations: (['name', 'description', 'documents', 'feeDetails'] as const)
							.flatMap((f) => Object.entries(s[f]).filter(([l]) => l !== 'fr').map(([l, v]) => `${f} ${l} (${v.status}) : ${v.text}`))
							.join('\n')
					}
				: null;
		const a = view(after)!;
		const b = view(before);
		return (Object.keys(a) as (keyof typeof a)[]).map((field) => ({ field, before: b?.[field] ?? null, after: a[field], changed: !b || b[field] !== a[field] }));
	}

	return { byId, listForOrganisation, formValues, organisationLocations, locationErrors, create, save, submit, publish, returnToOrganisation, markVerified, historyOf, queue, diff };
}
