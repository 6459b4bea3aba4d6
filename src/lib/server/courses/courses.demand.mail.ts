import { eq } from 'drizzle-orm';
import { formatDate } from '$lib/i18n/format';
import { caseFile } from '../cases/cases.table';
import type { Database } from '../db/client';
import { serverTranslator } from '../i18n/server-translator';
import { organisation } from '../identity/identity.table';
import type { Mail } from '../notify/mailer';
import type { EnrolmentRow } from './courses.demand.repository';
import type { CourseRow } from './load-course';

export type PendingMail = Mail;

/**
 * The e-mail telling a person that a seat is offered to them, in their language, when they gave an
 * e-mail address (their own, or the case file's). It names the course, the organisation and the
 * last day; it is written inside the change's transaction and sent after the commit.
 */
export async function offerMail(db: Database, c: CourseRow, e: EnrolmentRow, origin: string): Promise<PendingMail | null> {
	let to = e.email;
	if (!to && e.caseFileId) to = (await db.select({ email: caseFile.email }).from(caseFile).where(eq(caseFile.id, e.caseFileId)))[0]?.email ?? null;
	if (!to || !e.offerExpiresAt) return null;
	const [org] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, c.organisationId));
	const t = serverTranslator(e.locale);
	const values = {
		course: c.title,
		organisation: org?.name ?? '',
		date: formatDate(e.locale, e.offerExpiresAt, { dateStyle: 'long' }),
		link: `${origin}/${e.locale}/annuaire${c.serviceId ? `/${c.serviceId}` : ''}`
	};
	return { to, locale: e.locale, kind: 'course-offer', subject: t('courses.demand.mail.offer.subject', values), text: t('courses.demand.mail.offer.body', values) };
}
