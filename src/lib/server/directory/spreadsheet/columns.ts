import { serverTranslator } from '../../i18n/server-translator';
import { readMunicipalities } from '../../territory/territory.data';
import { readServiceForm, type ServiceForm } from '../service-form';
import { accessModes, audiences, capacities, welcomeTypes } from '../directory.types';
import { formatDayHours, parseDayHours } from '../hours-input';
import type { Slot } from '../hours';
import { allTermIds } from '../taxonomy';

/**
 * The columns of the directory spreadsheet: one row per service, French headers (the export
 * writes them, the import recognises them and their usual variants). Values are plain text so
 * that a file written by hand reads like one exported: booleans oui/non, lists separated by `;`,
 * hours as in the form ("9:00-12:00, 13:00-16:30").
 */
export const columns = [
	{ key: 'id', header: 'id', width: 38, aliases: ['identifiant', 'uuid'], help: 'Identifiant du service. Laissez vide pour un nouveau service ; ne le changez pas pour un service existant.' },
	{ key: 'organisation', header: 'Organisation', width: 30, aliases: ['structure', 'organisme'], help: 'Nom ou identifiant de l’organisation. Un membre importe pour son organisation ; l’équipe de l’annuaire pour toute organisation.' },
	{ key: 'name', header: 'Nom du service', width: 40, aliases: ['nom', 'service', 'intitule', 'titre'], help: 'Obligatoire, 2 à 160 caractères, en français.' },
	{ key: 'description', header: 'Description', width: 60, aliases: ['presentation'], help: 'En français, avec des mots simples. 3000 caractères au plus.' },
	{ key: 'needs', header: 'Besoins', width: 24, aliases: ['besoin', 'thematiques', 'categories'], help: `Obligatoire. Codes ou libellés séparés par « ; ». Codes : ${allTermIds.join(', ')}.` },
	{ key: 'street', header: 'Rue et numéro', width: 30, aliases: ['adresse', 'rue'], help: 'Obligatoire. L’adresse principale (les autres adresses du service restent inchangées).' },
	{ key: 'postalCode', header: 'Code postal', width: 11, aliases: ['cp', 'code postal'], help: 'Obligatoire, 4 chiffres.' },
	{ key: 'municipality', header: 'Commune', width: 20, aliases: ['ville', 'localite', 'code ins', 'nis'], help: 'Obligatoire. Nom de la commune ou son code INS (par exemple Seraing ou 62096).' },
	{ key: 'phone', header: 'Téléphone', width: 16, aliases: ['tel', 'telephone', 'gsm'], help: 'Par exemple 04 220 01 20.' },
	{ key: 'email', header: 'E-mail', width: 28, aliases: ['email', 'courriel', 'mail', 'adresse e-mail'], help: 'Par exemple contact@exemple.be.' },
	{ key: 'url', header: 'Site web', width: 28, aliases: ['site', 'site internet', 'url', 'web'], help: 'Adresse complète, par exemple https://www.exemple.be.' },
	{ key: 'accessModes', header: 'Modes d’accès', width: 22, aliases: ['acces', 'modes d acces'], help: `Codes ou libellés séparés par « ; ». Codes : ${accessModes.join(', ')}.` },
	{ key: 'free', header: 'Gratuit', width: 9, aliases: ['gratuite'], help: 'oui ou non.' },
	{ key: 'feeDetails', header: 'Prix et réductions', width: 24, aliases: ['prix', 'tarif', 'tarifs'], help: 'En français, 500 caractères au plus.' },
	{ key: 'childcare', header: 'Garderie', width: 9, aliases: ['garde d enfants'], help: 'oui ou non.' },
	{ key: 'wheelchair', header: 'Accessible en fauteuil roulant', width: 12, aliases: ['pmr', 'fauteuil roulant', 'accessible pmr'], help: 'oui ou non.' },
	{ key: 'noPapers', header: 'Sans titre de séjour', width: 12, aliases: ['sans papiers', 'accessible sans titre de sejour'], help: 'oui ou non : accessible aux personnes sans titre de séjour.' },
	{ key: 'audiences', header: 'Publics explicitement bienvenus', width: 22, aliases: ['publics'], help: `Codes ou libellés séparés par « ; ». Codes : ${audiences.filter((a) => a !== 'undocumented').join(', ')}.` },
	{ key: 'welcomeType', header: 'Type d’accueil', width: 16, aliases: ['accueil', 'public accueilli', 'type d accueil'], help: `Un code ou son libellé. Codes : ${welcomeTypes.join(', ')}. Vide : unconditional.` },
	{ key: 'womenOnly', header: 'Réservé aux femmes', width: 10, aliases: ['femmes'], help: 'oui ou non.' },
	{ key: 'ageMin', header: 'Âge minimum', width: 8, aliases: ['age min'], help: 'Un nombre de 0 à 120, ou vide.' },
	{ key: 'ageMax', header: 'Âge maximum', width: 8, aliases: ['age max'], help: 'Un nombre de 0 à 120, ou vide.' },
	{ key: 'capacity', header: 'Places', width: 14, aliases: ['capacite', 'disponibilite'], help: `Un code ou son libellé, ou vide si inconnu. Codes : ${capacities.join(', ')}.` },
	{ key: 'languages', header: 'Langues', width: 16, aliases: ['langues parlees'], help: 'Codes ISO 639 séparés par « ; », par exemple fr; ar; en (sgn-BE-fr pour la langue des signes). Le français est toujours ajouté.' },
	{ key: 'hours1', header: 'Lundi', width: 18, aliases: ['lun'], help: 'Heures du lundi, par exemple 9:00-12:00, 13:00-16:30. Vide : fermé.' },
	{ key: 'hours2', header: 'Mardi', width: 18, aliases: ['mar'], help: 'Comme le lundi.' },
	{ key: 'hours3', header: 'Mercredi', width: 18, aliases: ['mer'], help: 'Comme le lundi.' },
	{ key: 'hours4', header: 'Jeudi', width: 18, aliases: ['jeu'], help: 'Comme le lundi.' },
	{ key: 'hours5', header: 'Vendredi', width: 18, aliases: ['ven'], help: 'Comme le lundi.' },
	{ key: 'hours6', header: 'Samedi', width: 18, aliases: ['sam'], help: 'Comme le lundi.' },
	{ key: 'hours7', header: 'Dimanche', width: 18, aliases: ['dim'], help: 'Comme le lundi.' },
	{ key: 'closedOnPublicHolidays', header: 'Fermé les jours fériés', width: 10, aliases: ['jours feries', 'ferme les jours feries'], help: 'oui ou non.' },
	{ key: 'documents', header: 'Documents à apporter', width: 30, aliases: ['documents'], help: 'En français, 1000 caractères au plus.' }
] as const;

export type ColumnKey = (typeof columns)[number]['key'];
export const columnKeys: ColumnKey[] = columns.map((c) => c.key);
export const columnHeader = (key: ColumnKey) => columns.find((c) => c.key === key)!.header;
/** Columns a file must have (organisation too when importing for the whole directory). */
export const requiredColumns: ColumnKey[] = ['name', 'needs', 'street', 'postalCode', 'municipality'];

/** A service as one spreadsheet row of canonical text values (what the export writes, what the import compares). */
export type SheetRow = Record<ColumnKey, string>;

/** Lower case, no accents, punctuation folded: for headers and labels typed in many ways. */
export const fold = (s: string) =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();

const headerIndex = new Map<string, ColumnKey>();
for (const c of columns) for (const name of [c.key, c.header, ...c.aliases]) headerIndex.set(fold(name), c.key);

/** The column a header names, or null (the mapping step then asks). */
export function recogniseHeader(header: string): ColumnKey | null {
	return headerIndex.get(fold(header)) ?? null;
}

// ——— Formula injection (OWASP "CSV injection"): a cell starting with = + - @ tab or CR is prefixed with ' on export; the import removes it.
const dangerous = /^'*[=+\-@\t\r]/;
export const neutralise = (value: string) => (dangerous.test(value) ? `'${value}` : value);
export const restore = (value: string) => (value.startsWith("'") && dangerous.test(value) ? value.slice(1) : value);

// ——— Value readers.
const yes = new Set(['oui', 'o', 'yes', 'y', '1', 'x', 'vrai', 'true', 'ja', 'waar']);
const no = new Set(['non', 'n', 'no', '0', '', 'faux', 'false', 'nee', 'onwaar']);
export const boolText = (b: boolean) => (b ? 'oui' : 'non');
export function readBool(text: string): boolean | null {
	const t = fold(text);
	return yes.has(t) ? true : no.has(t) ? false : null;
}

const splitList = (text: string) =>
	text
		.split(/[;\n]/)
		.map((s) => s.trim())
		.filter(Boolean);

const fr = serverTranslator('fr');
/** Codes of a closed list, and their French labels folded, to read either. */
function vocabulary(codes: readonly string[], labelKey: (code: string) => string) {
	const map = new Map<string, string>();
	for (const code of codes) {
		map.set(fold(code), code);
		map.set(fold(fr(labelKey(code))), code);
	}
	return (text: string) => map.get(fold(text)) ?? null;
}
const readNeed = vocabulary(allTermIds, (c) => `needs.${c}`);
const readAccess = vocabulary(accessModes, (c) => `directory.service.access.${c}`);
const readAudience = vocabulary(
	audiences.filter((a) => a !== 'undocumented'),
	(c) => `pro.services.audience.${c}`
);
const readWelcome = vocabulary(welcomeTypes, (c) => `directory.service.welcome.${c}`);
const readCapacity = vocabulary(capacities, (c) => `directory.service.capacity.${c}`);

const municipalities = readMunicipalities();
const municipalityByKey = new Map<string, string>();
for (const m of municipalities) for (const k of [m.nisCode, m.nameFr, m.nameNl]) if (k) municipalityByKey.set(fold(k), m.nisCode);
export const municipalityName = new Map(municipalities.map((m) => [m.nisCode, m.nameFr]));
export function readMunicipality(text: string): string | null {
	return municipalityByKey.get(fold(text)) ?? null;
}

/** Sorted in the order of their closed list, so a reordered cell is no change. */
const inOrder = (list: readonly string[], values: string[]) => list.filter((v) => values.includes(v));
export const joinList = (values: readonly string[]) => values.join('; ');

/** The service's current working version as a canonical row (organisation and municipality as ids: see `displayRow`). */
export type CurrentService = {
	id: string;
	organisationId: string;
	name: string;
	description: string;
	documents: string;
	feeDetails: string;
	needs: string[];
	location: { id: string; street: string; postalCode: string; nisCode: string } | null;
	otherLocationIds: string[];
	phone: string | null;
	email: string | null;
	url: string | null;
	accessModes: string[];
	free: boolean;
	childcare: boolean;
	wheelchair: boolean;
	audiences: string[];
	welcomeType: string;
	gender: string;
	ageMin: number | null;
	ageMax: number | null;
	capacity: string | null;
	languages: string[];
	eligibleNis: string[];
	hours: Slot[];
	closedOnPublicHolidays: boolean;
};

export function canonicalRow(s: CurrentService): SheetRow {
	return {
		id: s.id,
		organisation: s.organisationId,
		name: s.name.trim(),
		description: s.description.trim(),
		needs: joinList(inOrder(allTermIds, s.needs)),
		street: s.location?.street ?? '',
		postalCode: s.location?.postalCode ?? '',
		municipality: s.location?.nisCode ?? '',
		phone: s.phone ?? '',
		email: s.email ?? '',
		url: s.url ?? '',
		accessModes: joinList(inOrder(accessModes, s.accessModes)),
		free: boolText(s.free),
		feeDetails: s.feeDetails.trim(),
		childcare: boolText(s.childcare),
		wheelchair: boolText(s.wheelchair),
		noPapers: boolText(s.audiences.includes('undocumented')),
		audiences: joinList(inOrder(audiences, s.audiences.filter((a) => a !== 'undocumented'))),
		welcomeType: s.welcomeType,
		womenOnly: boolText(s.gender === 'women'),
		ageMin: s.ageMin === null ? '' : String(s.ageMin),
		ageMax: s.ageMax === null ? '' : String(s.ageMax),
		capacity: s.capacity ?? '',
		languages: joinList(s.languages),
		hours1: formatDayHours(s.hours.filter((h) => h.weekday === 1)),
		hours2: formatDayHours(s.hours.filter((h) => h.weekday === 2)),
		hours3: formatDayHours(s.hours.filter((h) => h.weekday === 3)),
		hours4: formatDayHours(s.hours.filter((h) => h.weekday === 4)),
		hours5: formatDayHours(s.hours.filter((h) => h.weekday === 5)),
		hours6: formatDayHours(s.hours.filter((h) => h.weekday === 6)),
		hours7: formatDayHours(s.hours.filter((h) => h.weekday === 7)),
		closedOnPublicHolidays: boolText(s.closedOnPublicHolidays),
		documents: s.documents.trim()
	};
}

/** What a person reads in the file: the organisation's name and the municipality's name instead of ids. */
export function displayRow(row: SheetRow, organisationName: (id: string) => string): SheetRow {
	return { ...row, organisation: organisationName(row.organisation), municipality: municipalityName.get(row.municipality) ?? row.municipality };
}

/** Defaults of a new service for the columns a file does not have. */
export const newServiceDefaults: SheetRow = {
	...(Object.fromEntries(columnKeys.map((k) => [k, ''])) as SheetRow),
	free: 'oui',
	childcare: 'non',
	wheelchair: 'non',
	noPapers: 'non',
	womenOnly: 'non',
	welcomeType: 'unconditional',
	closedOnPublicHolidays: 'oui'
};

export type CellProblem = { column: ColumnKey; key: string; params?: Record<string, string> };
export type ReadRow = { values: SheetRow; form: ServiceForm | null; slots: Slot[]; problems: CellProblem[] };

/** Maps the service form's error keys (readServiceForm) to our columns. */
function columnOfFormError(field: string): ColumnKey {
	if (field.startsWith('loc-')) return field.endsWith('postalCode') ? 'postalCode' : field.endsWith('nisCode') ? 'municipality' : 'street';
	if (field === 'locations') return 'street';
	return (columnKeys as string[]).includes(field) ? (field as ColumnKey) : 'name';
}

/**
 * Reads one row (organisation and id are resolved by the caller, who knows the database). Checks
 * go through the service form's own reader, so a problem reads as it would next to the form's field.
 */
export function readRow(cells: SheetRow): ReadRow {
	const problems: CellProblem[] = [];
	const list = (column: ColumnKey, read: (t: string) => string | null, key: string) => {
		const out: string[] = [];
		for (const item of splitList(cells[column])) {
			const code = read(item);
			if (code === null) problems.push({ column, key, params: { value: item } });
			else if (!out.includes(code)) out.push(code);
		}
		return out;
	};
	const needs = list('needs', readNeed, 'pro.import.errors.need');
	const modes = list('accessModes', readAccess, 'pro.import.errors.choice');
	const publics = list('audiences', readAudience, 'pro.import.errors.choice');
	const languages = list('languages', (t) => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(t.trim()) ? t.trim() : /^[A-Z]{2,3}$/.test(t.trim()) ? t.trim().toLowerCase() : null), 'pro.import.errors.language');
	const one = (column: ColumnKey, read: (t: string) => string | null, fallback: string) => {
		const t = cells[column].trim();
		if (!t) return fallback;
		const code = read(t);
		if (code === null) problems.push({ column, key: 'pro.import.errors.choice', params: { value: t } });
		return code ?? fallback;
	};
	const welcomeType = one('welcomeType', readWelcome, 'unconditional');
	const capacity = one('capacity', readCapacity, '');
	const bool = (column: ColumnKey) => {
		const b = readBool(cells[column]);
		if (b === null) problems.push({ column, key: 'pro.import.errors.boolean', params: { value: cells[column].trim() } });
		return b ?? false;
	};
	const flags = {
		free: bool('free'),
		childcare: bool('childcare'),
		wheelchair: bool('wheelchair'),
		noPapers: bool('noPapers'),
		womenOnly: bool('womenOnly'),
		closedOnPublicHolidays: bool('closedOnPublicHolidays')
	};
	const municipalityText = cells.municipality.trim();
	const nis = municipalityText ? readMunicipality(municipalityText) : null;
	if (municipalityText && !nis) problems.push({ column: 'municipality', key: 'pro.import.errors.municipality', params: { value: municipalityText } });

	const data = new FormData();
	for (const f of ['name', 'description', 'documents', 'phone', 'email', 'url', 'feeDetails', 'ageMin', 'ageMax'] as const) data.set(f, cells[f]);
	data.set('welcomeType', welcomeType);
	data.set('capacity', capacity);
	for (const n of needs) data.append('needs', n);
	for (const m of modes) data.append('accessModes', m);
	for (const a of publics) data.append('audiences', a);
	for (const l of languages) data.append('languages', l);
	for (const [k, v] of Object.entries(flags)) if (v) data.set(k, 'on');
	for (let d = 1; d <= 7; d++) data.set(`hours${d}`, cells[`hours${d}` as ColumnKey]);
	data.set('loc-0-street', cells.street);
	data.set('loc-0-postalCode', cells.postalCode.trim());
	data.set('loc-0-nisCode', nis ?? (municipalityText ? 'unknown' : ''));
	const read = readServiceForm(data);
	const seen = new Set(problems.map((p) => p.column));
	for (const [field, key] of Object.entries(read.errors)) {
		const column = columnOfFormError(field);
		// A value already explained (an unknown need, municipality…) is not reported twice.
		if (seen.has(column)) continue;
		seen.add(column);
		problems.push({ column, key, params: { value: cells[column].trim() } });
	}
	const form = read.data;
	const values: SheetRow = {
		...cells,
		name: form?.name ?? cells.name.trim(),
		description: form?.description ?? cells.description.trim(),
		documents: form?.documents ?? cells.documents.trim(),
		feeDetails: form?.feeDetails ?? cells.feeDetails.trim(),
		needs: joinList(inOrder(allTermIds, needs)),
		street: cells.street.trim(),
		postalCode: cells.postalCode.trim(),
		municipality: nis ?? municipalityText,
		phone: form?.phone ?? '',
		email: form?.email ?? '',
		url: form?.url ?? '',
		accessModes: joinList(inOrder(accessModes, modes)),
		audiences: joinList(inOrder(audiences, publics)),
		welcomeType,
		capacity,
		ageMin: form?.ageMin === null || form?.ageMin === undefined ? '' : String(form.ageMin),
		ageMax: form?.ageMax === null || form?.ageMax === undefined ? '' : String(form.ageMax),
		languages: joinList([...new Set(['fr', ...languages])]),
		...(Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, boolText(v)])) as Partial<SheetRow>),
		...(Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, formatDayHours(parseDayHours(d, cells[`hours${d}` as ColumnKey]) ?? [])])) as Partial<SheetRow>)
	};
	if (form) form.languages = [...new Set(['fr', ...form.languages])];
	return { values, form: problems.length ? null : form, slots: read.slots, problems };
}
