import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { recordAudit, type AuditEntry } from '../audit/audit.repository';
import { touchFiles } from '../cases/cases.consents.usecases';
import type { Database } from '../db/client';
import { wallClock } from '../agenda/brussels-time';
import { logger } from '../log/logger';
import type { Mailer } from '../notify/mailer';
import { equivalentCourses, findDuplicate, freeSeats, loadEnrolmentView, nextWaiting, type EnrolmentRow } from './courses.demand.repository';
import { offerMail, type PendingMail } from './courses.demand.mail';
import { phoneDigits } from './courses.demand.schemas';
import { activeEnrolmentStatuses, type EnrolmentSource } from './courses.types';
import { course, enrolment } from './courses.table';
import type { CourseRow } from './load-course';

/** Who acts (null: the public form or the hourly job), for which organisation, from where. */
export type DemandContext = { actorUserId: string | null; organisationId: string | null; ipHash?: string | null };

export type NewRequest = {
	source: EnrolmentSource;
	caseFileId?: string | null;
	referralId?: string | null;
	firstName?: string | null;
	lastName?: string | null;
	email?: string | null;
	phone?: string | null;
	locale?: string;
	nisCode?: string | null;
	needsChildcare?: boolean;
	interpreterLanguage?: string | null;
	/** The person agreed to be offered a seat at another organisation. */
	elsewhere?: boolean;
};

/** A refusal is a catalogue key (`courses.demand.errors.*`) to show next to a field or above the list. */
export type Outcome<T = EnrolmentRow> = { ok: true; enrolment: T } | { ok: false; error: string };

export const DEFAULT_OFFER_DAYS = 7;
const DAY_MS = 86_400_000;
const refuse = (error: string) => ({ ok: false as const, error });

/**
 * The demand side of courses: requests, waiting lists and seats, and a seat offered at another
 * organisation. Seats are counted under a lock of the course row (`for update`), so two workers
 * offering the last seat at once cannot both succeed. Whenever a seat frees (withdrawal, declined
 * or expired offer), the next waiting person is offered it in the same transaction. E-mails go out
 * after the commit (the outbox keeps them), in the person's language.
 */
export function createDemand({ db, mailer, origin = '', offerDays = DEFAULT_OFFER_DAYS }: { db: Database; mailer?: Mailer; origin?: string; offerDays?: number }) {
	const today = (now: Date) => wallClock(now).date;

	async function lockCourse(tx: Database, courseId: string): Promise<CourseRow> {
		const [row] = await tx.select().from(course).where(eq(course.id, courseId)).for('update');
		if (!row) throw new Error('course vanished');
		return row;
	}

	/** The audit rows of a change: on the enrolment, and on its case file (section parcours) when it has one. */
	async function audit(tx: Database, e: Pick<EnrolmentRow, 'id' | 'courseId' | 'caseFileId' | 'organisationId'>, verb: string, ctx: DemandContext, now: Date, details: AuditEntry['details'] = {}) {
		const entries: AuditEntry[] = [{ actorUserId: ctx.actorUserId, organisationId: ctx.organisationId ?? e.organisationId, action: `enrolment.${verb}`, subjectType: 'enrolment', subjectId: e.id, ipHash: ctx.ipHash ?? null, details: { course: e.courseId, ...details } }];
		if (e.caseFileId) {
			entries.push({ actorUserId: ctx.actorUserId, organisationId: ctx.organisationId ?? e.organisationId, action: `enrolment.${verb}`, subjectType: 'case_file', subjectId: e.caseFileId, section: 'parcours', ipHash: ctx.ipHash ?? null, details: { course: e.courseId, enrolment: e.id, ...details } });
			await touchFiles(tx, [e.caseFileId], now);
		}
		await recordAudit(tx, ...entries);
	}

	/** Offers a seat to one enrolment (already checked: a seat is free). Returns the mail to send. */
	async function offerTo(tx: Database, c: CourseRow, e: EnrolmentRow, ctx: DemandContext, now: Date, verb = 'offered'): Promise<PendingMail | null> {
		const expires = new Date(now.getTime() + offerDays * DAY_MS);
		const [row] = await tx
			.update(enrolment)
			.set({ status: 'offered', offeredAt: now, offerExpiresAt: expires, updatedAt: now, version: sql`${enrolment.version} + 1` })
			.where(and(eq(enrolment.id, e.id), eq(enrolment.status, e.status)))
			.returning();
		if (!row) return null;
		await audit(tx, row, verb, ctx, now, { expires: expires.toISOString() });
		return offerMail(tx, c, row, origin);
	}

	/** After a seat freed: the head of the waiting list is offered it, when a seat is indeed free. */
	async function proposeNext(tx: Database, c: CourseRow, ctx: DemandContext, now: Date): Promise<PendingMail | null> {
		if ((await freeSeats(tx, c)) <= 0) return null;
		const next = await nextWaiting(tx, c.id);
		return next ? offerTo(tx, c, next, ctx, now, 'proposed') : null;
	}

	async function deliver(mails: (PendingMail | null)[]) {
		if (!mailer) return;
		for (const m of mails) {
			if (!m) continue;
			try {
				await mailer.send(m);
			} catch (error) {
				logger.warn({ err: (error as Error).name, kind: m.kind }, 'course offer mail not written');
			}
		}
	}

	/** A new request on a published course that has not ended; a duplicate is refused. */
	async function request(courseId: string, input: NewRequest, ctx: DemandContext, now = new Date()): Promise<Outcome> {
		const result = await db.transaction(async (t) => {
			const tx = t as unknown as Database;
			const c = await lockCourse(tx, courseId);
			if (c.status !== 'published' || c.endsOn < today(now)) return refuse('courses.demand.errors.closed');
			const duplicate = await findDuplicate(tx, c.id, { caseFileId: input.caseFileId ?? null, email: input.email?.toLowerCase() ?? null, phoneDigits: phoneDigits(input.phone ?? null) });
			if (duplicate) return refuse('courses.demand.errors.duplicate');
			const [row] = await tx
				.insert(enrolment)
				.values({
					courseId: c.id,
					organisationId: c.organisationId,
					source: input.source,
					caseFileId: input.caseFileId ?? null,
					referralId: input.referralId ?? null,
					firstName: input.firstName ?? null,
					lastName: input.lastName ?? null,
					email: input.email ?? null,
					phone: input.phone ?? null,
					locale: input.locale ?? 'fr',
					nisCode: input.nisCode ?? null,
					needsChildcare: input.needsChildcare ?? false,
					interpreterLanguage: input.interpreterLanguage ?? null,
					elsewhereConsentAt: input.elsewhere ? now : null,
					elsewhereConsentBy: input.elsewhere ? ctx.actorUserId : null,
					status: 'waiting',
					requestedAt: now,
					createdBy: ctx.actorUserId
				})
				.returning();
			await audit(tx, row!, 'requested', ctx, now, { source: input.source, elsewhere: Boolean(input.elsewhere) });
			return { ok: true as const, enrolment: row! };
		});
		return result;
	}

	/** Loads an enrolment of a course under the course's lock, in one of the given statuses. */
	async function openLocked(tx: Database, courseId: string, enrolmentId: string, statuses: readonly string[]) {
		const c = await lockCourse(tx, courseId);
		const [e] = await tx.select().from(enrolment).where(and(eq(enrolment.id, enrolmentId), eq(enrolment.courseId, courseId)));
		if (!e) return { c, e: null, error: 'courses.demand.errors.notFound' };
		if (!statuses.includes(e.status)) return { c, e: null, error: 'courses.demand.errors.status' };
		return { c, e, error: null };
	}

	/** Offers a seat to a chosen waiting person, or to the head of the waiting list; refused when no seat is free. */
	async function offer(courseId: string, enrolmentId: string | null, ctx: DemandContext, now = new Date()): Promise<Outcome> {
		let mail: PendingMail | null = null;
		const result = await db.transaction(async (t): Promise<Outcome> => {
			const tx = t as unknown as Database;
			const c = await lockCourse(tx, courseId);
			if ((await freeSeats(tx, c)) <= 0) return refuse('courses.demand.errors.noSeat');
			const target = enrolmentId ? (await tx.select().from(enrolment).where(and(eq(enrolment.id, enrolmentId), eq(enrolment.courseId, courseId))))[0] : await nextWaiting(tx, courseId);
			if (!target) return refuse(enrolmentId ? 'courses.demand.errors.notFound' : 'courses.demand.errors.nobodyWaiting');
			if (target.status !== 'waiting') return refuse('courses.demand.errors.status');
			mail = await offerTo(tx, c, target, ctx, now);
			const [row] = await tx.select().from(enrolment).where(eq(enrolment.id, target.id));
			return { ok: true, enrolment: row! };
		});
		if (result.ok) await deliver([mail]);
		return result;
	}

	/** Takes the place: an offered seat, or a waiting request when a seat is free. */
	async function enrol(courseId: string, enrolmentId: string, ctx: DemandContext, now = new Date()): Promise<Outcome> {
		return db.transaction(async (t): Promise<Outcome> => {
			const tx = t as unknown as Database;
			const { c, e, error } = await openLocked(tx, courseId, enrolmentId, ['waiting', 'offered']);
			if (!e) return refuse(error!);
			if (e.status === 'waiting' && (await freeSeats(tx, c)) <= 0) return refuse('courses.demand.errors.noSeat');
			const [row] = await tx
				.update(enrolment)
				.set({ status: 'enrolled', enrolledAt: now, offerExpiresAt: null, updatedAt: now, version: sql`${enrolment.version} + 1` })
				.where(eq(enrolment.id, e.id))
				.returning();
			await audit(tx, row!, 'enrolled', ctx, now, { from: e.status });
			return { ok: true, enrolment: row! };
		});
	}

	/**
	 * Ends a request or a place: an offered seat declined, or a withdrawal (a waiting request is
	 * cancelled, a place withdrawn). A seat that frees goes to the next waiting person at once.
	 */
	async function end(courseId: string, enrolmentId: string, kind: 'decline' | 'withdraw', ctx: DemandContext, now = new Date()): Promise<Outcome> {
		let mail: PendingMail | null = null;
		const result = await db.transaction(async (t): Promise<Outcome> => {
			const tx = t as unknown as Database;
			const { c, e, error } = await openLocked(tx, courseId, enrolmentId, kind === 'decline' ? ['offered'] : activeEnrolmentStatuses);
			if (!e) return refuse(error!);
			const status = kind === 'decline' ? 'declined' : e.status === 'waiting' ? 'cancelled' : 'withdrawn';
			const [row] = await tx
				.update(enrolment)
				.set({ status, endedAt: now, endedReason: kind === 'decline' ? 'declined' : 'withdrawn', offerExpiresAt: null, updatedAt: now, version: sql`${enrolment.version} + 1` })
				.where(eq(enrolment.id, e.id))
				.returning();
			await audit(tx, row!, kind === 'decline' ? 'declined' : 'withdrawn', ctx, now, { from: e.status });
			if (e.status !== 'waiting') mail = await proposeNext(tx, c, ctx, now);
			return { ok: true, enrolment: row! };
		});
		if (result.ok) await deliver([mail]);
		return result;
	}

	/** Records that the person agrees to be offered a seat elsewhere (asked by a worker of the course). */
	async function recordElsewhereConsent(courseId: string, enrolmentId: string, ctx: DemandContext, now = new Date()): Promise<Outcome> {
		return db.transaction(async (t): Promise<Outcome> => {
			const tx = t as unknown as Database;
			const { e, error } = await openLocked(tx, courseId, enrolmentId, ['waiting']);
			if (!e) return refuse(error!);
			const [row] = await tx.update(enrolment).set({ elsewhereConsentAt: now, elsewhereConsentBy: ctx.actorUserId, updatedAt: now }).where(eq(enrolment.id, e.id)).returning();
			await audit(tx, row!, 'consented', ctx, now);
			return { ok: true, enrolment: row! };
		});
	}

	/**
	 * A seat at another organisation: the waiting request (with the person's consent) becomes
	 * 'transferred', and the target course gets an 'offered' enrolment with the minimal identity
	 * copied and the original request date (the wait counts).
	 */
	async function transfer(courseId: string, enrolmentId: string, targetCourseId: string, ctx: DemandContext, now = new Date()): Promise<Outcome> {
		let mail: PendingMail | null = null;
		const result = await db.transaction(async (t): Promise<Outcome> => {
			const tx = t as unknown as Database;
			const { c, e, error } = await openLocked(tx, courseId, enrolmentId, ['waiting']);
			if (!e) return refuse(error!);
			if (!e.elsewhereConsentAt) return refuse('courses.demand.errors.noConsent');
			if (!(await equivalentCourses(tx, c, today(now))).some((x) => x.id === targetCourseId)) return refuse('courses.demand.errors.notEquivalent');
			const target = await lockCourse(tx, targetCourseId);
			if ((await freeSeats(tx, target)) <= 0) return refuse('courses.demand.errors.noSeat');
			const identity = await loadEnrolmentView(tx, e.id);
			const expires = new Date(now.getTime() + offerDays * DAY_MS);
			const [created] = await tx
				.insert(enrolment)
				.values({
					courseId: target.id,
					organisationId: target.organisationId,
					source: 'transfer',
					transferredFromId: e.id,
					firstName: identity?.displayFirstName ?? null,
					email: identity?.contactEmail ?? null,
					phone: identity?.contactPhone ?? null,
					locale: e.locale,
					nisCode: e.nisCode,
					needsChildcare: e.needsChildcare,
					interpreterLanguage: e.interpreterLanguage,
					elsewhereConsentAt: e.elsewhereConsentAt,
					elsewhereConsentBy: e.elsewhereConsentBy,
					status: 'offered',
					requestedAt: e.requestedAt,
					offeredAt: now,
					offerExpiresAt: expires,
					createdBy: ctx.actorUserId
				})
				.returning();
			const [ended] = await tx
				.update(enrolment)
				.set({ status: 'transferred', endedAt: now, endedReason: 'transferred', updatedAt: now, version: sql`${enrolment.version} + 1` })
				.where(eq(enrolment.id, e.id))
				.returning();
			await audit(tx, ended!, 'transferred', ctx, now, { to: created!.id, targetCourse: target.id, targetOrganisation: target.organisationId });
			await audit(tx, created!, 'offered', { ...ctx, organisationId: ctx.organisationId }, now, { from: e.id, source: 'transfer' });
			mail = await offerMail(tx, target, created!, origin);
			return { ok: true, enrolment: created! };
		});
		if (result.ok) await deliver([mail]);
		return result;
	}

	/**
	 * The hourly job: offers past their date end as declined ('expired') and the seat goes to the
	 * next waiting person. Each offer is claimed by its own UPDATE, so several processes can run it.
	 */
	async function expireOffers(now = new Date()): Promise<number> {
		const due = await db
			.select({ id: enrolment.id, courseId: enrolment.courseId })
			.from(enrolment)
			.where(and(eq(enrolment.status, 'offered'), lte(enrolment.offerExpiresAt, now)));
		let expired = 0;
		for (const d of due) {
			const mail = await db.transaction(async (t) => {
				const tx = t as unknown as Database;
				const c = await lockCourse(tx, d.courseId);
				const [row] = await tx
					.update(enrolment)
					.set({ status: 'declined', endedAt: now, endedReason: 'expired', updatedAt: now, version: sql`${enrolment.version} + 1` })
					.where(and(eq(enrolment.id, d.id), eq(enrolment.status, 'offered'), lte(enrolment.offerExpiresAt, now)))
					.returning();
				if (!row) return null;
				expired++;
				const ctx = { actorUserId: null, organisationId: row.organisationId };
				await audit(tx, row, 'expired', ctx, now);
				return proposeNext(tx, c, ctx, now);
			});
			await deliver([mail]);
		}
		if (expired) logger.info({ offersExpired: expired }, 'course jobs');
		return expired;
	}

	/** A course's enrolments by id (the pages check that they belong to the course). */
	async function byIds(ids: string[]) {
		return ids.length ? db.select().from(enrolment).where(inArray(enrolment.id, ids)) : [];
	}

	return { request, offer, enrol, decline: (c: string, e: string, ctx: DemandContext, now?: Date) => end(c, e, 'decline', ctx, now), withdraw: (c: string, e: string, ctx: DemandContext, now?: Date) => end(c, e, 'withdraw', ctx, now), recordElsewhereConsent, transfer, expireOffers, byIds };
}

export type Demand = ReturnType<typeof createDemand>;

/** Starts the hourly offer expiry of a process; returns the timer (unref'd). */
export function startCourseJobs(deps: { db: Database; mailer: Mailer; origin: string; offerDays: number }): NodeJS.Timeout {
	const demand = createDemand(deps);
	const timer = setInterval(() => void demand.expireOffers(new Date()).catch((error) => logger.warn({ err: (error as Error).name }, 'course jobs failed')), 3_600_000);
	timer.unref();
	return timer;
}
