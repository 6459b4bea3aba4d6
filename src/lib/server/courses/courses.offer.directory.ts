import { and, eq, gte } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { wallClock, isoWeekday } from '../agenda/brussels-time';
import { createServiceEditing } from '../directory/directory.editing';
import { createDirectoryRepository } from '../directory/directory.repository';
import { service, serviceAtLocation, serviceHistory } from '../directory/directory.table';
import type { Slot } from '../directory/hours';
import type { ServiceForm } from '../directory/service-form';
import type { accessModes } from '../directory/directory.types';
import { organisation } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';
import { courseSession } from './courses.table';
import type { CourseRow } from './load-course';

/**
 * A published course is a service of its organisation in the public directory. The service is
 * written through the directory's own use-cases (the service form's `save`, then `publish`), so
 * its snapshot, history, audit and search index behave like any other service's; the course
 * owns it (`course.service_id`) and rewrites it whenever the published course changes.
 */
type Ctx = { actorUserId: string; ipHash: string };

/** The directory's needs for a course's axis (and FLE level). */
export function needsForCourse(axis: string, level: string | null): string[] {
	switch (axis) {
		case 'fle':
			return level === 'alpha' ? ['french', 'alpha'] : ['french', 'fle'];
		case 'citizenship':
			return ['citizenship', 'citizenship_course'];
		case 'isp':
			return ['work', 'isp'];
		case 'digital':
			return ['digital', 'pmtic'];
		default:
			return ['meeting'];
	}
}

/** How the directory says one gets in, from the course's registration mode. */
type AccessMode = (typeof accessModes)[number];
const accessByMode: Record<string, AccessMode[]> = { open: ['walk_in'], appointment: ['appointment'], test: ['registration'], referral: ['referral'] };
export function accessModesForCourse(mode: string): AccessMode[] {
	return [...(accessByMode[mode] ?? [])];
}

/** The weekly slots of the sessions still to come (weekday and Brussels times), for the directory's hours and evening/weekend filters. */
async function weeklySlots(db: Database, courseId: string, now: Date): Promise<Slot[]> {
	const rows = await db
		.select({ startsAt: courseSession.startsAt, endsAt: courseSession.endsAt })
		.from(courseSession)
		.where(and(eq(courseSession.courseId, courseId), eq(courseSession.status, 'scheduled'), gte(courseSession.endsAt, now)));
	const seen = new Map<string, Slot>();
	for (const r of rows) {
		const start = wallClock(r.startsAt);
		const end = wallClock(r.endsAt);
		const slot = { weekday: isoWeekday(start.date), opensAt: start.time, closesAt: end.time };
		seen.set(`${slot.weekday}|${slot.opensAt}|${slot.closesAt}`, slot);
	}
	return [...seen.values()].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
}

const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',').replace(',00', '')} €`;

/** The service form a course amounts to (French text: the course's own). */
async function serviceFormOf(db: Database, row: CourseRow, locationId: string | null): Promise<ServiceForm> {
	const [org] = await db.select({ email: organisation.email, phone: organisation.phone, website: organisation.website }).from(organisation).where(eq(organisation.id, row.organisationId));
	const [place] = await db.select({ postalCode: municipality.mainPostalCode }).from(municipality).where(eq(municipality.nisCode, row.nisCode));
	const description = [row.description, row.prerequisites ? `Prérequis : ${row.prerequisites}` : ''].filter(Boolean).join('\n\n').slice(0, 3000);
	return {
		name: row.title,
		description,
		documents: '',
		needs: needsForCourse(row.axis, row.level),
		phone: org?.phone ?? null,
		email: org?.email ?? null,
		url: org?.website ?? null,
		accessModes: accessModesForCourse(row.registrationMode),
		welcomeType: 'unconditional',
		audiences: [],
		womenOnly: false,
		ageMin: null,
		ageMax: null,
		capacity: null,
		languages: [...new Set([...row.languages, ...row.interpreterLanguages])],
		feeDetails: row.priceCents > 0 ? euros(row.priceCents) : '',
		free: row.priceCents === 0,
		childcare: row.childcarePlaces > 0,
		wheelchair: false,
		noPapers: false,
		closedOnPublicHolidays: true,
		updateFrequencyMonths: 12,
		hours: [],
		exceptions: [],
		removedExceptions: [],
		locations: [{ id: locationId, existing: null, street: row.address ?? '', postalCode: place?.postalCode ?? '', nisCode: row.nisCode }],
		eligibleNis: []
	};
}

/**
 * Creates or rewrites the course's service and publishes it (inside the caller's transaction).
 * Returns the service's id, to keep on the course.
 */
export async function publishCourseService(db: Database, row: CourseRow, ctx: Ctx, now = new Date()): Promise<string> {
	const editing = createServiceEditing({ db });
	const existing = row.serviceId ? await editing.byId(row.serviceId) : null;
	const serviceId = existing?.id ?? (await editing.create(row.organisationId, ctx));
	const [linked] = await db.select({ id: serviceAtLocation.locationId }).from(serviceAtLocation).where(eq(serviceAtLocation.serviceId, serviceId)).limit(1);
	await editing.save(serviceId, await serviceFormOf(db, row, linked?.id ?? null), await weeklySlots(db, row.id, now), ctx);
	await editing.publish(serviceId, ctx, null);
	return serviceId;
}

/** Takes the course's service out of the public directory (archived or cancelled course); the rows stay for history. */
export async function unpublishCourseService(db: Database, row: CourseRow, ctx: Ctx): Promise<void> {
	if (!row.serviceId) return;
	const [current] = await db.select({ published: service.published }).from(service).where(eq(service.id, row.serviceId));
	if (!current?.published) return;
	await db.update(service).set({ published: null, status: 'draft', updatedAt: new Date() }).where(eq(service.id, row.serviceId));
	await db.insert(serviceHistory).values({ serviceId: row.serviceId, actorUserId: ctx.actorUserId, action: 'unpublished', comment: null, snapshot: null });
	await recordAudit(db, { actorUserId: ctx.actorUserId, organisationId: row.organisationId, action: 'directory.service.unpublished', subjectType: 'service', subjectId: row.serviceId, ipHash: ctx.ipHash, details: { courseId: row.id } });
	await createDirectoryRepository({ db }).bumpVersion();
}
