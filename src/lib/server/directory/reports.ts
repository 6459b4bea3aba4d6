import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import { createThrottle, type ThrottleRule } from '../identity/throttle';
import { service, serviceReport, translation } from './directory.table';

export const reportTopics = ['hours', 'address', 'contact', 'closed', 'other'] as const;

/** "Report an error" on a public page: 5 reports an hour from one address, then an hour's pause. */
export const reportRule: ThrottleRule = { limit: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/** The public form; every issue is a catalogue key shown next to its field. */
export const reportFormSchema = z.object({
	topic: z.enum(reportTopics, 'directory.report.errors.topic'),
	message: z.string().trim().min(5, 'directory.report.errors.message').max(2000, 'directory.report.errors.tooLong'),
	contact: z
		.string()
		.trim()
		.max(200, 'directory.report.errors.tooLong')
		.transform((v) => (v === '' ? null : v)),
	// A field people never see: robots that fill every field are thanked and ignored.
	website: z.string().max(500).optional()
});
export type ReportForm = z.infer<typeof reportFormSchema>;

export type OpenReport = {
	id: string;
	serviceId: string;
	serviceName: string;
	organisation: string;
	topic: string;
	message: string;
	contact: string | null;
	locale: string;
	createdAt: Date;
};

export function createServiceReports({ db }: { db: Database }) {
	const throttle = createThrottle({ db });

	/**
	 * Keeps a report for the directory editors. Returns 'throttled' when the address sent too
	 * many; a filled hidden field is accepted silently and dropped (no signal to the robot).
	 */
	async function submit(serviceId: string, form: ReportForm, locale: string, ipHash: string): Promise<'kept' | 'throttled'> {
		const key = `report-${ipHash}`;
		if (await throttle.lockedUntil(key)) return 'throttled';
		await throttle.hit(key, reportRule);
		if (form.website) return 'kept';
		await db.insert(serviceReport).values({ serviceId, topic: form.topic, message: form.message, contact: form.contact, locale });
		return 'kept';
	}

	/** Open reports, oldest first; reading them (the optional contact is personal data) is audited. */
	async function listOpen(actorUserId: string, ipHash: string): Promise<OpenReport[]> {
		const rows = await db
			.select({ r: serviceReport, orgName: organisation.name, serviceName: translation.text })
			.from(serviceReport)
			.innerJoin(service, eq(service.id, serviceReport.serviceId))
			.innerJoin(organisation, eq(organisation.id, service.organisationId))
			.leftJoin(translation, and(eq(translation.entityType, 'service'), eq(translation.entityId, service.id), eq(translation.field, 'name'), eq(translation.locale, 'fr')))
			.where(eq(serviceReport.status, 'open'))
			.orderBy(asc(serviceReport.createdAt))
			.limit(500);
		if (rows.some((r) => r.r.contact)) {
			await recordAudit(db, { actorUserId, action: 'directory.reports.viewed', subjectType: 'service_report', subjectId: null, ipHash });
		}
		return rows.map(({ r, orgName, serviceName }) => ({
			id: r.id,
			serviceId: r.serviceId,
			serviceName: serviceName ?? '',
			organisation: orgName,
			topic: r.topic,
			message: r.message,
			contact: r.contact,
			locale: r.locale,
			createdAt: r.createdAt
		}));
	}

	async function countOpen(): Promise<number> {
		const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(serviceReport).where(eq(serviceReport.status, 'open'));
		return row?.n ?? 0;
	}

	/** Marks reports handled; the reporter's contact is erased at once (it served its purpose). */
	async function markHandled(ids: string[], actorUserId: string, ipHash: string): Promise<number> {
		if (!ids.length) return 0;
		const done = await db
			.update(serviceReport)
			.set({ status: 'handled', handledBy: actorUserId, handledAt: new Date(), contact: null })
			.where(and(inArray(serviceReport.id, ids), eq(serviceReport.status, 'open')))
			.returning({ id: serviceReport.id, serviceId: serviceReport.serviceId });
		for (const r of done) {
			await recordAudit(db, { actorUserId, action: 'directory.report.handled', subjectType: 'service_report', subjectId: r.id, ipHash });
		}
		return done.length;
	}

	/** The last handled reports, for the record (who handled what, without the contact). */
	async function recentlyHandled(limit = 20) {
		return db
			.select({ id: serviceReport.id, topic: serviceReport.topic, handledAt: serviceReport.handledAt, by: userAccount.name })
			.from(serviceReport)
			.leftJoin(userAccount, eq(userAccount.id, serviceReport.handledBy))
			.where(eq(serviceReport.status, 'handled'))
			.orderBy(desc(serviceReport.handledAt))
			.limit(limit);
	}

	return { submit, listOpen, countOpen, markHandled, recentlyHandled };
}
