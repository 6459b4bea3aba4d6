import { and, eq } from 'drizzle-orm';
import { formatDate } from '$lib/i18n/format';
import { directionOf, type Locale } from '$lib/i18n/locales';
import { createTranslator } from '$lib/i18n/translator';
import type { Database } from '../db/client';
import { typeset } from '../directory/typesetter';
import { messagesFor } from '../i18n/catalogues';
import { organisation } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';
import template from './courses.attestation.typ?raw';
import { traineeHours, type TraineeHours } from './courses.attendance.repository';
import { levelLabel } from './courses.presenter';
import { enrolment } from './courses.table';
import type { CourseRow } from './load-course';

/**
 * The attendance attestation of a trainee: an A4 PDF typeset by Typst like the Parcours
 * attestation (same worker, same shipped fonts). The course's organisation (name, address,
 * contacts), the person, the course (title, axis and level, dates), sessions held and attended,
 * hours attended and planned so far, the place and date, and a signature block. In the person's
 * language (enrolment.locale) unless another is asked; marked as a translation when not French.
 */

export type EnrolmentRow = typeof enrolment.$inferSelect;
export type OrganisationDetails = { name: string; street: string | null; postalCode: string | null; city: string; phone: string | null; email: string | null; website: string | null };

/** Only someone who had a place in the class gets an attestation. */
export const attestable = (status: string) => status === 'enrolled' || status === 'completed' || status === 'withdrawn';

const fontsFor = (locale: Locale): string[] =>
	directionOf(locale) === 'rtl' ? ['Noto Naskh Arabic', 'Noto Sans', 'Noto Sans Ethiopic'] : locale === 'ti' ? ['Noto Sans Ethiopic', 'Noto Sans', 'Noto Naskh Arabic'] : ['Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Ethiopic'];

const translatorFor = (locale: Locale) => createTranslator(locale, messagesFor(locale, ['common.', 'courses.', 'pro.parcours.attestation.']));

/** The enrolment of this course (null when it is not one of its), its organisation's details and its hours. */
export async function loadAttestation(db: Database, row: CourseRow, enrolmentId: string, now: Date) {
	const [person] = await db.select().from(enrolment).where(and(eq(enrolment.id, enrolmentId), eq(enrolment.courseId, row.id)));
	if (!person) return null;
	const [org] = await db
		.select({ name: organisation.name, street: organisation.street, postalCode: organisation.postalCode, city: municipality.nameFr, phone: organisation.phone, email: organisation.email, website: organisation.website })
		.from(organisation)
		.innerJoin(municipality, eq(municipality.nisCode, organisation.nisCode))
		.where(eq(organisation.id, row.organisationId));
	const [hours] = await traineeHours(db, { courseId: row.id, now, enrolmentIds: [person.id] });
	return { person, organisation: org!, hours: hours ?? { enrolmentId: person.id, sessionsHeld: 0, presentCount: 0, minutesAttended: 0, minutesPlanned: 0 } };
}

export type AttestationInput = { course: CourseRow; person: Pick<EnrolmentRow, 'firstName' | 'lastName'>; organisation: OrganisationDetails; hours: TraineeHours; locale: Locale; now: Date };

/** The attestation's data, every label in the chosen language (the JSON the template reads). */
export function attestationData({ course, person, organisation: org, hours, locale, now }: AttestationInput) {
	const t = translatorFor(locale);
	const day = (iso: string) => formatDate(locale, new Date(`${iso}T12:00:00Z`), { dateStyle: 'long' });
	const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
	const h = (minutes: number) => t('pro.parcours.attestation.hoursValue', { hours: number.format(Math.round(minutes / 6) / 10) });
	const level = levelLabel(course.level, t);
	const today = formatDate(locale, now, { dateStyle: 'long' });
	const address = [org.street, [org.postalCode, org.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
	const contacts = [org.phone, org.email, org.website].filter(Boolean).join(' · ');
	const row = (label: string, value: string, fr = false) => ({ label, value, fr });
	// A French name inside a right-to-left sentence keeps its own order (its brackets too).
	const rtl = directionOf(locale) === 'rtl';
	const name = rtl ? `\u2068${org.name}\u2069` : org.name;
	return {
		lang: locale,
		rtl,
		fonts: fontsFor(locale),
		organisation: { name: org.name, lines: [address, contacts].filter(Boolean) },
		course: { title: course.title },
		rows: [
			row(t('pro.parcours.attestation.name'), [person.firstName, person.lastName].filter(Boolean).join(' '), true),
			row(t('courses.register.attestation.course'), course.title, true),
			row(t('courses.register.attestation.axis'), level ? `${t(`courses.axis.${course.axis}`)} · ${level}` : t(`courses.axis.${course.axis}`)),
			row(t('courses.register.attestation.dates'), t('pro.parcours.attestation.from', { start: day(course.startsOn), end: day(course.endsOn) })),
			row(t('courses.register.attestation.sessions'), t('courses.register.attestation.sessionsValue', { present: hours.presentCount, held: hours.sessionsHeld })),
			row(t('courses.register.attestation.hoursAttended'), h(hours.minutesAttended)),
			row(t('courses.register.attestation.hoursPlanned'), h(hours.minutesPlanned)),
			row(t('courses.register.attestation.totalHours'), h(course.totalHours * 60))
		],
		strings: {
			title: t('pro.parcours.attestation.title'),
			certify: t('courses.register.attestation.certify', { organisation: name }),
			translated: locale === 'fr' ? null : t('pro.parcours.attestation.translated'),
			madeAt: t('pro.parcours.attestation.madeAt', { city: org.city, date: today }),
			forOrganisation: t('courses.register.attestation.for', { organisation: name }),
			nameFunction: t('pro.parcours.attestation.nameFunction'),
			signature: t('pro.parcours.attestation.signature'),
			footer: t('pro.parcours.attestation.footer', { date: today })
		}
	};
}

/** Typesets the attestation (in the typesetting worker). */
export function attestationPdf(input: AttestationInput): Promise<Buffer> {
	return typeset(template, JSON.stringify(attestationData(input)), input.now);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A refused attestation: a small page in the reader's language that says why and leads back to the course. */
export function attestationRefusal(locale: Locale, status: number, textKey: string, backHref: string): Response {
	const t = translatorFor(locale);
	const title = t('courses.register.attestation.refusedTitle');
	const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${title} — ${t('common.siteName')}`)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(textKey))}</p><p><a href="${escapeHtml(backHref)}">${escapeHtml(t('courses.register.attestation.back'))}</a></p></main></body>
</html>`;
	return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
