import { formatDate } from '$lib/i18n/format';
import { directionOf, type Locale } from '$lib/i18n/locales';
import { createTranslator } from '$lib/i18n/translator';
import { typeset } from '../directory/typesetter';
import { messagesFor } from '../i18n/catalogues';
import type { Operator } from '../instance/instance';
import template from './cases.parcours.attestation.typ?raw';
import type { StepRow } from './cases.parcours.repository';
import type { CaseFileRow } from './cases.scope';

/**
 * The attestation de fréquentation of the Parcours d'Intégration, an A4 PDF typeset by Typst like
 * the booklet (same worker, same shipped fonts): the CRI's details (data/instance.json), the
 * person's name and birth date, the modules followed with their dates, hours and operators, the
 * place and date, and a signature block. In French by default; in another of the 12 languages on
 * request, then marked as a translation for information. Only once the module d'accueil is done.
 */

const fontsFor = (locale: Locale): string[] =>
	directionOf(locale) === 'rtl' ? ['Noto Naskh Arabic', 'Noto Sans', 'Noto Sans Ethiopic'] : locale === 'ti' ? ['Noto Sans Ethiopic', 'Noto Sans', 'Noto Naskh Arabic'] : ['Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Ethiopic'];

const translatorFor = (locale: Locale) => createTranslator(locale, messagesFor(locale, ['common.', 'pro.parcours.']));

export type AttestationInput = {
	file: Pick<CaseFileRow, 'firstName' | 'lastName' | 'birthDate' | 'birthYear'>;
	steps: StepRow[];
	/** organisation id -> name, for the steps' operators. */
	organisations: Map<string, string>;
	operator: Operator;
	locale: Locale;
	now: Date;
};

/** The module d'accueil must be done before any attestation is printed. */
export function attestationAllowed(steps: Pick<StepRow, 'step' | 'status'>[]): boolean {
	return steps.some((s) => s.step === 'welcome' && s.status === 'done');
}

/** The attestation's data, every label in the chosen language (the JSON the template reads). */
export function attestationData({ file, steps, organisations, operator, locale, now }: AttestationInput) {
	const t = translatorFor(locale);
	const day = (iso: string) => formatDate(locale, new Date(`${iso}T12:00:00Z`), { dateStyle: 'long' });
	const modules = steps
		.filter((s) => s.step !== 'attestation' && (s.status === 'done' || s.status === 'in_progress'))
		.map((s) => {
			let dates: string;
			if (s.status === 'done' && s.completedOn) dates = s.startedOn && s.startedOn !== s.completedOn ? t('pro.parcours.attestation.from', { start: day(s.startedOn), end: day(s.completedOn) }) : t('pro.parcours.attestation.on', { date: day(s.completedOn) });
			else dates = s.startedOn ? t('pro.parcours.attestation.since', { start: day(s.startedOn) }) : t('pro.parcours.attestation.inProgress');
			return {
				name: t(`pro.parcours.step.${s.step}`),
				dates,
				hours: s.hoursDone === null ? '' : t('pro.parcours.attestation.hoursValue', { hours: s.hoursDone }),
				operator: s.operatorOrganisationId ? (organisations.get(s.operatorOrganisationId) ?? null) : s.operatorName
			};
		});
	const today = formatDate(locale, now, { dateStyle: 'long' });
	const born = file.birthDate ? day(file.birthDate) : file.birthYear ? String(file.birthYear) : null;
	return {
		lang: locale,
		rtl: directionOf(locale) === 'rtl',
		fonts: fontsFor(locale),
		operator,
		person: { name: [file.firstName, file.lastName].filter(Boolean).join(' '), born },
		modules,
		strings: {
			title: t('pro.parcours.attestation.title'),
			subtitle: t('pro.parcours.attestation.subtitle'),
			certify: t('pro.parcours.attestation.certify', { operator: operator.shortName }),
			translated: locale === 'fr' ? null : t('pro.parcours.attestation.translated'),
			nameLabel: t('pro.parcours.attestation.name'),
			bornLabel: file.birthDate ? t('pro.parcours.attestation.birthDate') : t('pro.parcours.attestation.birthYear'),
			moduleLabel: t('pro.parcours.attestation.module'),
			datesLabel: t('pro.parcours.attestation.dates'),
			hoursLabel: t('pro.parcours.attestation.hours'),
			operatorLabel: t('pro.parcours.attestation.operator'),
			madeAt: t('pro.parcours.attestation.madeAt', { city: operator.city, date: today }),
			forOperator: t('pro.parcours.attestation.for', { operator: operator.shortName }),
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

/** A refused attestation: a small page in the reader's language that says why and leads back to the Parcours. */
export function attestationRefusal(locale: Locale, status: number, textKey: string, backHref: string): Response {
	const t = translatorFor(locale);
	const title = t('pro.parcours.attestation.refusedTitle');
	const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${title} — ${t('common.siteName')}`)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(textKey))}</p><p><a href="${escapeHtml(backHref)}">${escapeHtml(t('pro.parcours.attestation.back'))}</a></p></main></body>
</html>`;
	return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
