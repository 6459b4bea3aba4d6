import QRCode from 'qrcode';
import { iconSvg } from '$lib/components/need-icons';
import { formatDate } from '$lib/i18n/format';
import { languageName } from '$lib/i18n/language-names';
import { directionOf, type Locale } from '$lib/i18n/locales';
import { createTranslator, type Translate } from '$lib/i18n/translator';
import { messagesFor } from '../i18n/catalogues';
import { hasEvening } from './hours';
import { pick, type PublishedService } from './directory.types';
import { allTermIds, iconFor, needs, topLevelOf } from './taxonomy';
import type { SearchIndex } from './search-index';
import template from './booklet.typ?raw';
import { typeset } from './typesetter';

/**
 * The printable directory ("répertoire physique") and the one-service sheet, as A5 PDFs typeset
 * by Typst (its Node compiler, a native binary in the npm package): Arabic, Persian and Pashto
 * shaped and right to left, Tigrinya in Ethiopic script, with the Noto fonts shipped in
 * assets/fonts and no other (no system font, nothing downloaded), so a PDF is the same anywhere.
 * The data reaches the template as JSON (`sys.inputs.data`): no user text is ever Typst markup.
 */

/** Above this many services a booklet keeps the first ones and says so on its cover. */
export const BOOKLET_MAX_SERVICES = 300;

export type BookletFilters = { municipality: { nisCode: string; name: string } | null; need: string | null };

type ServiceBlock = {
	id: string;
	name: string;
	nameLang: string;
	organisation: string;
	description: string | null;
	descriptionLang: string | null;
	documents: string | null;
	documentsLang: string | null;
	addresses: string[];
	phone: string | null;
	email: string | null;
	hours: string[];
	languages: string | null;
	conditions: string[];
	qr: string;
	url: string;
};

export type BookletData = {
	mode: 'booklet' | 'sheet';
	lang: Locale;
	rtl: boolean;
	fonts: string[];
	title: string;
	author: string;
	strings: Record<string, string | string[] | null>;
	groups: { id: string; label: string; icon: string; services: ServiceBlock[] }[];
	index: { municipality: string; entries: { id: string; name: string; nameLang: string }[] }[];
};

const FONTS_LATIN = 'Noto Sans';
const FONTS_ARABIC = 'Noto Naskh Arabic';
const FONTS_ETHIOPIC = 'Noto Sans Ethiopic';

/** Font order per language: the script of the language first, then the others as fallback. */
export function fontsFor(locale: Locale): string[] {
	if (directionOf(locale) === 'rtl') return [FONTS_ARABIC, FONTS_LATIN, FONTS_ETHIOPIC];
	if (locale === 'ti') return [FONTS_ETHIOPIC, FONTS_LATIN, FONTS_ARABIC];
	return [FONTS_LATIN, FONTS_ARABIC, FONTS_ETHIOPIC];
}

function translatorFor(locale: Locale): Translate {
	return createTranslator(locale, messagesFor(locale, ['common.', 'needs.', 'directory.']));
}

const weekdays = [1, 2, 3, 4, 5, 6, 7];

/** Weekly hours in few lines: consecutive days with the same hours share a line ("Mon–Fri 09:00–12:00"). */
export function compactHours(hours: PublishedService['hours'], locale: string): string[] {
	const dayName = (d: number) => new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));
	const slots = weekdays.map((d) =>
		hours
			.filter((h) => h.weekday === d)
			.sort((a, b) => a.opensAt.localeCompare(b.opensAt))
			.map((h) => `${h.opensAt}–${h.closesAt}`)
			.join(', ')
	);
	const lines: string[] = [];
	let start = 0;
	for (let i = 1; i <= 7; i++) {
		if (i < 7 && slots[i] === slots[start]) continue;
		if (slots[start]) lines.push(`${start === i - 1 ? dayName(start + 1) : `${dayName(start + 1)}–${dayName(i)}`} ${slots[start]}`);
		start = i;
	}
	return lines;
}

function conditionsOf(s: PublishedService, t: Translate): string[] {
	const out: string[] = [s.free ? t('directory.service.free') : t('directory.service.paid')];
	for (const mode of s.accessModes) out.push(t(`directory.service.access.${mode}`));
	if (s.audiences.includes('undocumented')) out.push(t('directory.filter.noPapers'));
	if (s.childcare) out.push(t('directory.filter.childcare'));
	if (s.wheelchair) out.push(t('directory.service.wheelchair'));
	if (s.gender === 'women') out.push(t('directory.service.womenOnly'));
	if (s.ageMin !== null && s.ageMax !== null) out.push(t('directory.service.ages', { min: s.ageMin, max: s.ageMax }));
	else if (s.ageMin !== null) out.push(t('directory.service.fromAge', { min: s.ageMin }));
	if (s.capacity) out.push(t(`directory.service.capacity.${s.capacity}`));
	if (hasEvening(s.hours)) out.push(t('directory.filter.evening'));
	return out;
}

async function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}

async function serviceBlock(s: PublishedService, locale: Locale, t: Translate, origin: string, withDetails: boolean): Promise<ServiceBlock> {
	const name = pick(s.name, locale);
	const description = withDetails ? pick(s.description, locale) : null;
	const documents = withDetails ? pick(s.documents, locale) : null;
	const url = `${origin}/${locale}/annuaire/${s.id}`;
	return {
		id: s.id,
		name: name?.text ?? '',
		nameLang: name?.lang ?? 'fr',
		organisation: s.organisation.name,
		description: description?.text ?? null,
		descriptionLang: description?.lang ?? null,
		documents: documents?.text ?? null,
		documentsLang: documents?.lang ?? null,
		addresses: s.locations.map((l) => `${l.name ? `${l.name}, ` : ''}${l.street}, ${l.postalCode} ${l.municipality}`),
		phone: s.phone,
		email: s.email,
		hours: compactHours(s.hours, locale),
		languages: s.languages.length ? new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(s.languages.map((l) => languageName(l, locale, t('directory.service.signLanguage')))) : null,
		conditions: conditionsOf(s, t),
		qr: await qrSvg(url),
		url
	};
}

function commonStrings(locale: Locale, t: Translate, now: Date) {
	const date = formatDate(locale, now, { dateStyle: 'long' });
	return {
		site: t('common.siteName'),
		printed: t('directory.booklet.printed', { date }),
		footer: `${t('common.siteName')} — ${t('directory.booklet.printed', { date })}`,
		phone: t('directory.booklet.phone'),
		email: t('directory.booklet.email'),
		hours: t('directory.service.hours'),
		languages: t('directory.service.languages'),
		conditions: t('directory.service.conditions'),
		documents: t('directory.service.documents'),
		scan: t('directory.booklet.scan')
	};
}

const collator = new Intl.Collator('fr');

/**
 * The booklet's data: services grouped by need (each service once, under the need chosen or its
 * first need), an index by municipality, and every label in the reader's language.
 */
export async function bookletData(
	services: PublishedService[],
	{ locale, filters, origin, now, total = services.length }: { locale: Locale; filters: BookletFilters; origin: string; now: Date; total?: number }
): Promise<BookletData> {
	const t = translatorFor(locale);
	const blocks = await Promise.all(services.map((s) => serviceBlock(s, locale, t, origin, false)));
	const groupOf = (s: PublishedService) => (filters.need ? filters.need : topLevelOf(s.needs[0] ?? 'admin_help'));
	const order = new Map(needs.flatMap((n, i) => [[n.id, i * 100] as const, ...(n.children ?? []).map((c, j) => [c.id, i * 100 + j + 1] as const)]));
	const groups = new Map<string, BookletData['groups'][number]>();
	services.forEach((s, i) => {
		const id = groupOf(s);
		let g = groups.get(id);
		if (!g) groups.set(id, (g = { id, label: t(`needs.${id}`), icon: iconSvg(iconFor(id), 24).replace(/currentColor/g, '#1d3557'), services: [] }));
		g.services.push(blocks[i]!);
	});
	const sorted = [...groups.values()].sort((a, b) => (order.get(a.id) ?? 1e6) - (order.get(b.id) ?? 1e6));
	for (const g of sorted) g.services.sort((a, b) => collator.compare(a.name, b.name));

	const byMunicipality = new Map<string, BookletData['index'][number]['entries']>();
	services.forEach((s, i) => {
		for (const m of new Set(s.locations.map((l) => l.municipality))) {
			if (!byMunicipality.has(m)) byMunicipality.set(m, []);
			byMunicipality.get(m)!.push({ id: s.id, name: blocks[i]!.name, nameLang: blocks[i]!.nameLang });
		}
	});
	const index = [...byMunicipality.entries()]
		.sort(([a], [b]) => collator.compare(a, b))
		.map(([municipality, entries]) => ({ municipality, entries: entries.sort((a, b) => collator.compare(a.name, b.name)) }));

	const filterLines = [
		...(filters.municipality ? [t('directory.booklet.municipalityIs', { name: filters.municipality.name })] : []),
		...(filters.need ? [t('directory.booklet.needIs', { need: t(`needs.${filters.need}`) })] : [])
	];
	const title = t('directory.booklet.title');
	return {
		mode: 'booklet',
		lang: locale,
		rtl: directionOf(locale) === 'rtl',
		fonts: fontsFor(locale),
		title: [title, ...filterLines].join(' — '),
		author: t('common.siteName'),
		strings: {
			...commonStrings(locale, t, now),
			title,
			territory: t('common.tagline'),
			filters: filterLines.length ? filterLines : [t('directory.booklet.everything')],
			count: t('directory.booklet.count', { count: services.length }),
			truncated: total > services.length ? t('directory.booklet.truncated', { shown: services.length, total }) : null,
			source: t('directory.booklet.source', { url: `${origin}/${locale}/annuaire` }),
			howTitle: t('directory.booklet.howTitle'),
			how: ['how1', 'how2', 'how3', 'how4', 'how5'].map((k) => t(`directory.booklet.${k}`)),
			indexTitle: t('directory.booklet.indexTitle')
		},
		groups: sorted,
		index
	};
}

/** One service on an A5 sheet, as its page shows it (with its description and documents). */
export async function sheetData(s: PublishedService, { locale, origin, now }: { locale: Locale; origin: string; now: Date }): Promise<BookletData> {
	const t = translatorFor(locale);
	const block = await serviceBlock(s, locale, t, origin, true);
	return {
		mode: 'sheet',
		lang: locale,
		rtl: directionOf(locale) === 'rtl',
		fonts: fontsFor(locale),
		title: block.name,
		author: t('common.siteName'),
		strings: { ...commonStrings(locale, t, now), sheetHeading: `${t('common.siteName')} — ${t('directory.booklet.sheetHeading')}` },
		groups: [{ id: s.needs[0] ?? '', label: '', icon: '', services: [block] }],
		index: []
	};
}

/** Typesets the booklet's data into a PDF (in the typesetting worker, ~1 s for 200 services). */
export function renderPdf(data: BookletData, now: Date = new Date()): Promise<Buffer> {
	return typeset(template, JSON.stringify(data), now);
}

/** The published services a booklet holds: of a need (and its children), located in a municipality. */
export function bookletServices(index: SearchIndex, filters: BookletFilters): { services: PublishedService[]; total: number } {
	const all: PublishedService[] = [];
	for (let page = 1; ; page++) {
		const r = index.search({ need: filters.need ?? undefined, page, perPage: 100 });
		all.push(...r.hits.map((h) => h.service));
		if (r.hits.length < 100 || all.length >= r.total) break;
	}
	const nis = filters.municipality?.nisCode;
	const kept = nis ? all.filter((s) => s.locations.some((l) => l.nisCode === nis)) : all;
	return { services: kept.slice(0, BOOKLET_MAX_SERVICES), total: kept.length };
}

// A booklet is the same all day until the directory changes: the last few are kept per index
// (a publication rebuilds the index, which drops them).
const made = new WeakMap<SearchIndex, Map<string, Promise<Buffer>>>();

/** The booklet's PDF, typeset or taken from the ones made today from this same directory. */
export function bookletPdf(index: SearchIndex, { locale, filters, origin, now }: { locale: Locale; filters: BookletFilters; origin: string; now: Date }): Promise<Buffer> {
	const key = [locale, filters.municipality?.nisCode ?? '', filters.need ?? '', origin, formatDate('fr', now, { dateStyle: 'short' })].join('|');
	let cache = made.get(index);
	if (!cache) made.set(index, (cache = new Map()));
	const hit = cache.get(key);
	if (hit) return hit;
	const pdf = (async () => {
		const { services, total } = bookletServices(index, filters);
		return renderPdf(await bookletData(services, { locale, filters, origin, now, total }), now);
	})();
	cache.set(key, pdf);
	pdf.catch(() => cache.delete(key));
	if (cache.size > 24) cache.delete(cache.keys().next().value!);
	return pdf;
}

/** What a booklet request asks for, or the catalogue key of what is wrong with it. */
export type BookletRequest = { ok: true; filters: BookletFilters } | { ok: false; error: 'directory.booklet.errors.municipality' | 'directory.booklet.errors.need' };

const looseName = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Reads `municipality` (a NIS code or a name, in French or Dutch, accents and case ignored) and
 * `need` (a term id) from a query; both may be empty. Anything else is refused, not guessed.
 */
export function parseBookletQuery(params: URLSearchParams, municipalities: { nisCode: string; nameFr: string; nameNl: string | null }[]): BookletRequest {
	const typed = (params.get('municipality') ?? '').trim().slice(0, 100);
	const need = (params.get('need') ?? '').trim();
	let municipality: BookletFilters['municipality'] = null;
	if (typed) {
		const key = looseName(typed);
		const m = municipalities.find((x) => x.nisCode === typed || looseName(x.nameFr) === key || (x.nameNl !== null && looseName(x.nameNl) === key));
		if (!m) return { ok: false, error: 'directory.booklet.errors.municipality' };
		municipality = { nisCode: m.nisCode, name: m.nameFr };
	}
	if (need && !allTermIds.includes(need)) return { ok: false, error: 'directory.booklet.errors.need' };
	return { ok: true, filters: { municipality, need: need || null } };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The answer to a PDF request with bad parameters: a small HTML page in the reader's language
 * (status 400) that says what is wrong and leads back to the form.
 */
export function bookletBadRequest(locale: Locale, errorKey: string): Response {
	const t = translatorFor(locale);
	const title = t('directory.booklet.errors.title');
	const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${title} — ${t('common.siteName')}`)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(errorKey))}</p><p><a href="/${locale}/annuaire/livret">${escapeHtml(t('directory.booklet.errors.back'))}</a></p></main></body>
</html>`;
	return new Response(html, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** An ASCII file name for Content-Disposition ("passerelle-livret-ar-seraing-fle.pdf"). */
export function bookletFileName(locale: Locale, filters: BookletFilters): string {
	const parts = ['passerelle-livret', locale, filters.municipality ? looseName(filters.municipality.name).replace(/ /g, '-') : null, filters.need];
	return `${parts.filter(Boolean).join('-')}.pdf`;
}
