import { inArray } from 'drizzle-orm';
import { formatDate } from '$lib/i18n/format';
import { directionOf, type Locale } from '$lib/i18n/locales';
import { createTranslator } from '$lib/i18n/translator';
import type { Database } from '../db/client';
import { typeset } from '../directory/typesetter';
import { messagesFor } from '../i18n/catalogues';
import { organisation } from '../identity/identity.table';
import type { CaseAccess } from './cases.policy';
import { displayName } from './cases.presenter';
import type { CaseFileRow } from './cases.scope';
import type { ConsentFormRequest } from './cases.consents.schemas';
import { addMonths, brusselsDay, startOfBrusselsDay } from './cases.dates';
import { DEFAULT_CONSENT_MONTHS } from '$lib/cases/consents';
import template from './consent-form.typ?raw';

/**
 * The consent form a person reads and signs, in their language: what they agree to, with whom,
 * which parts of their file, until when, how to withdraw, and signature lines. Typeset by Typst
 * through the shared typesetter (the booklet's fonts: Arabic, Persian and Pashto right to left,
 * Tigrinya in Ethiopic). Data goes in as JSON, never as markup.
 */
export type ConsentFormData = {
	lang: Locale;
	rtl: boolean;
	fonts: string[];
	title: string;
	author: string;
	strings: Record<string, string | string[]>;
	organisations: string[];
	sections: { label: string; detail: string }[];
};

function fontsFor(locale: Locale): string[] {
	if (directionOf(locale) === 'rtl') return ['Noto Naskh Arabic', 'Noto Sans', 'Noto Sans Ethiopic'];
	if (locale === 'ti') return ['Noto Sans Ethiopic', 'Noto Sans', 'Noto Naskh Arabic'];
	return ['Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Ethiopic'];
}

export function consentFormData(
	request: ConsentFormRequest,
	facts: ConsentFormFacts,
	now: Date
): ConsentFormData {
	const locale = request.language;
	const t = createTranslator(locale, messagesFor(locale, ['common.', 'pro.consents.pdf.', 'pro.cases.section.']));
	const until = request.expiresOn ?? addMonths(brusselsDay(now), DEFAULT_CONSENT_MONTHS);
	const day = (d: Date) => formatDate(locale, d, { dateStyle: 'long' });
	const organisation = facts.ownerName;
	const heading = t(`pro.consents.pdf.title.${request.purpose}`);
	return {
		lang: locale,
		rtl: directionOf(locale) === 'rtl',
		fonts: fontsFor(locale),
		title: heading,
		author: t('common.siteName'),
		strings: {
			site: t('common.siteName'),
			heading,
			personLabel: t('pro.consents.pdf.person'),
			person: facts.person,
			organisationLabel: t('pro.consents.pdf.organisation'),
			organisation,
			whatTitle: t('pro.consents.pdf.whatTitle'),
			what: t(`pro.consents.pdf.what.${request.purpose}`, { organisation }),
			withWhomTitle: t('pro.consents.pdf.withWhomTitle'),
			sectionsTitle: t('pro.consents.pdf.sectionsTitle'),
			howLongTitle: t('pro.consents.pdf.howLongTitle'),
			// Noon avoids any doubt about the day at the edges of the time zone.
			howLong: t('pro.consents.pdf.howLong', { date: day(new Date(startOfBrusselsDay(until).getTime() + 12 * 3_600_000)) }),
			rightsTitle: t('pro.consents.pdf.rightsTitle'),
			rights: [t('pro.consents.pdf.rightNo'), t('pro.consents.pdf.rightWithdraw', { organisation }), t('pro.consents.pdf.rightAccess'), t('pro.consents.pdf.rightAuthorities')],
			signTitle: t('pro.consents.pdf.signTitle'),
			signDate: t('pro.consents.pdf.signDate'),
			signPerson: t('pro.consents.pdf.signPerson'),
			signWorker: t('pro.consents.pdf.signWorker'),
			signInterpreter: t('pro.consents.pdf.signInterpreter'),
			footer: t('pro.consents.pdf.footer', { site: t('common.siteName'), date: day(now), reference: facts.fileReference })
		},
		// Only the organisations the request names (none for follow-up and statistics).
		organisations: request.organisationIds.length ? facts.organisationNames : [],
		sections: request.sections.map((s) => ({ label: t(`pro.cases.section.${s}`), detail: t(`pro.consents.pdf.section.${s}`) }))
	};
}

export function renderConsentForm(data: ConsentFormData, now: Date = new Date()): Promise<Buffer> {
	return typeset(template, JSON.stringify(data), now);
}

export type ConsentFormFacts = { person: string; fileReference: string; ownerName: string; organisationNames: string[] };

/** The names a form prints: the person's (as the owner sees it), the owner's, the organisations named; null if one is unknown. */
export async function consentFormFacts(db: Database, file: CaseFileRow, access: CaseAccess, organisationIds: string[]): Promise<ConsentFormFacts | null> {
	const ids = [file.ownerOrganisationId, ...organisationIds];
	const rows = await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, ids));
	const names = new Map(rows.map((r) => [r.id, r.name]));
	if (organisationIds.some((id) => !names.has(id) || id === file.ownerOrganisationId)) return null;
	return {
		person: displayName(file, access),
		fileReference: file.id.slice(0, 8),
		ownerName: names.get(file.ownerOrganisationId) ?? '',
		organisationNames: organisationIds.map((id) => names.get(id)!)
	};
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A form that cannot be printed: a small page in the worker's language, with the way back. */
export function consentFormBadRequest(locale: Locale, errorKey: string, fileId: string): Response {
	const t = createTranslator(locale, messagesFor(locale, ['common.', 'pro.']));
	const title = t('pro.consents.printErrorTitle');
	const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${title} — ${t('common.siteName')}`)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(errorKey))}</p><p><a href="/${locale}/pro/dossiers/${fileId}/consentements">${escapeHtml(t('pro.consents.printBack'))}</a></p></main></body>
</html>`;
	return new Response(html, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
