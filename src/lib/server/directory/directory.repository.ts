import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';
import { location, schedule, scheduleException, service, serviceAtLocation, serviceHistory, serviceTaxonomy, translation } from './directory.table';
import type { Localised, PublishedService } from './directory.types';
import { publicRows } from './translation/source-hash';

const hhmm = (t: string) => t.slice(0, 5);

export function createDirectoryRepository({ db }: { db: Database }) {
	/** Every published service's public snapshot (the search index is built from these). */
	async function publishedSnapshots(): Promise<PublishedService[]> {
		const rows = await db.select({ published: service.published }).from(service).where(isNotNull(service.published));
		return rows.map((r) => r.published as PublishedService);
	}

	async function publishedById(id: string): Promise<PublishedService | null> {
		const [row] = await db.select({ published: service.published }).from(service).where(eq(service.id, id));
		return (row?.published as PublishedService | null) ?? null;
	}

	/** Builds the public snapshot from the working tables (the current draft). */
	async function snapshot(id: string, publishedAt: Date): Promise<PublishedService> {
		const [s] = await db.select({ s: service, o: organisation }).from(service).innerJoin(organisation, eq(organisation.id, service.organisationId)).where(eq(service.id, id));
		if (!s) throw new Error(`no service ${id}`);
		// Outdated translations, and any made from an older French source, never reach the public.
		const texts = publicRows(await db.select().from(translation).where(and(eq(translation.entityType, 'service'), eq(translation.entityId, id))));
		const field = (name: string): Localised =>
			Object.fromEntries(texts.filter((t) => t.field === name).map((t) => [t.locale, { text: t.text, status: t.status as 'source' }]));
		const terms = await db.select({ id: serviceTaxonomy.termId }).from(serviceTaxonomy).where(eq(serviceTaxonomy.serviceId, id));
		const locs = await db
			.select({ l: location, m: municipality.nameFr })
			.from(serviceAtLocation)
			.innerJoin(location, eq(location.id, serviceAtLocation.locationId))
			.innerJoin(municipality, eq(municipality.nisCode, location.nisCode))
			.where(eq(serviceAtLocation.serviceId, id))
			// Links are written in the form's order with time-ordered ids: the first is the main address.
			.orderBy(asc(serviceAtLocation.id));
		const slots = await db.select().from(schedule).where(eq(schedule.serviceId, id)).orderBy(asc(schedule.weekday), asc(schedule.opensAt));
		const exceptions = await db.select().from(scheduleException).where(eq(scheduleException.serviceId, id)).orderBy(asc(scheduleException.startsOn));
		const exceptionTexts = exceptions.length
			? await db.select().from(translation).where(and(eq(translation.entityType, 'schedule_exception'), inArray(translation.entityId, exceptions.map((e) => e.id))))
			: [];
		const v = s.s;
		return {
			id: v.id,
			organisation: { id: s.o.id, name: s.o.name, kind: s.o.kind },
			name: field('name'),
			description: field('description'),
			documents: field('documents'),
			feeDetails: field('fee_details'),
			needs: terms.map((t) => t.id).sort(),
			welcomeType: v.welcomeType as PublishedService['welcomeType'],
			ageMin: v.ageMin,
			ageMax: v.ageMax,
			gender: v.gender as PublishedService['gender'],
			audiences: v.audiences,
			accessModes: v.accessModes,
			free: v.free,
			childcare: v.childcare,
			wheelchair: v.wheelchair,
			capacity: v.capacity,
			languages: v.languages,
			eligibleNis: v.eligibleNis,
			locations: locs.map(({ l, m }) => ({ id: l.id, name: l.name, street: l.street, postalCode: l.postalCode, nisCode: l.nisCode, municipality: m, lat: l.lat, lon: l.lon })),
			hours: slots.map((x) => ({ weekday: x.weekday, opensAt: hhmm(x.opensAt), closesAt: hhmm(x.closesAt) })),
			closedOnPublicHolidays: v.closedOnPublicHolidays,
			exceptions: exceptions.map((e) => ({
				startsOn: e.startsOn,
				endsOn: e.endsOn,
				kind: e.kind as 'closed' | 'hours',
				hours: e.hours as { opensAt: string; closesAt: string }[] | null,
				noticeFrom: e.noticeFrom,
				message: Object.fromEntries(publicRows(exceptionTexts.filter((t) => t.entityId === e.id)).map((t) => [t.locale, { text: t.text, status: t.status as 'source' }]))
			})),
			email: v.email,
			phone: v.phone,
			url: v.url,
			lastVerifiedAt: v.lastVerifiedAt?.toISOString() ?? null,
			publishedAt: publishedAt.toISOString(),
			updatedAt: v.updatedAt.toISOString()
		};
	}

	/** Publishes the current draft: the public snapshot is replaced and the step is kept in history. */
	async function publish(id: string, actorUserId: string | null, comment: string | null = null): Promise<PublishedService> {
		const now = new Date();
		const snap = await snapshot(id, now);
		await db.update(service).set({ published: snap, status: 'published', publishedAt: now }).where(eq(service.id, id));
		await db.insert(serviceHistory).values({ serviceId: id, actorUserId, action: 'published', comment, snapshot: snap });
		await bumpVersion();
		return snap;
	}

	/** A counter every process reads to know when to refresh its search index. */
	async function bumpVersion(): Promise<void> {
		await db.execute(sql`insert into instance_setting (key, value) values ('directory_version', '1'::jsonb)
			on conflict (key) do update set value = to_jsonb((instance_setting.value)::text::bigint + 1), updated_at = now()`);
	}

	async function version(): Promise<number> {
		const rows = await db.execute<{ v: string | null }>(sql`select value::text as v from instance_setting where key = 'directory_version'`);
		const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: { v: string }[] }).rows) as { v: string | null }[];
		return Number(list[0]?.v ?? 0);
	}

	return { publishedSnapshots, publishedById, snapshot, publish, bumpVersion, version };
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
