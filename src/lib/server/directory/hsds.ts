/**
 * Open Referral HSDS 3.0 view of the public directory: published snapshots mapped to HSDS
 * objects (service, organization, service_at_location, location, address, phone, schedule,
 * language, service_area, required_document, attribute, taxonomy, taxonomy_term).
 *
 * HSDS has no multilingual model: each answer is in one language (`locale`, default fr), and
 * an extension object `x_passerelle` says which language each text really is in and whether it
 * is the source, a machine translation or a reviewed one. HSDS fields are typed without null,
 * so an unknown value is left out rather than sent as null.
 */
import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Locale } from '$lib/i18n/locales';
import { languageName } from '$lib/i18n/language-names';
import { formatDate } from '$lib/i18n/format';
import type { Translate } from '$lib/i18n/translator';
import type { Database } from '../db/client';
import { catalogues } from '../i18n/catalogues';
import { serverTranslator } from '../i18n/server-translator';
import { organisation } from '../identity/identity.table';
import { createTerritoryRepository } from '../territory/territory.repository';
import { directoryIndex } from './directory.search';
import { pick, type Localised, type PublishedService } from './directory.types';
import { brusselsNow, toOpeningHours } from './hours';
import type { SearchIndex } from './search-index';
import { expandTerm, needs } from './taxonomy';

export const HSDS_VERSION = '3.0';

// ---------------------------------------------------------------------------------------------
// Stable identifiers

/** Our namespace for name-based UUIDs (RFC 9562 version 5). */
const NAMESPACE = Buffer.from('6f3c2a4e8b1d4c5aa1e27d9b0c4f5e13', 'hex');

/** A UUID v5 derived from a name: the same name always gives the same id. */
export function stableUuid(name: string): string {
	const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
	hash[6] = (hash[6]! & 0x0f) | 0x50;
	hash[8] = (hash[8]! & 0x3f) | 0x80;
	const h = hash.subarray(0, 16).toString('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The one taxonomy we publish: the needs of newcomers (taxonomy.ts). */
export const TAXONOMY_ID = stableUuid('taxonomy:passerelle-needs');

const termUuids = new Map<string, string>();
const termCodes = new Map<string, string>();
const parentOf = new Map<string, string>();
for (const t of needs) {
	for (const id of [t.id, ...(t.children ?? []).map((c) => c.id)]) {
		const uuid = stableUuid(`taxonomy_term:${id}`);
		termUuids.set(id, uuid);
		termCodes.set(uuid, id);
	}
	for (const c of t.children ?? []) parentOf.set(c.id, t.id);
}
/** The UUID of a taxonomy term (its code is our term id, e.g. "fle"). */
export const termUuid = (code: string): string => termUuids.get(code) ?? stableUuid(`taxonomy_term:${code}`);
/** Our term id from its UUID or its code; null when neither is known. */
export const termCode = (idOrCode: string): string | null => termCodes.get(idOrCode.toLowerCase()) ?? (termUuids.has(idOrCode) ? idOrCode : null);
/** The parent of a second-level term (undefined for a top-level one). */
export const parentCode = (code: string): string | undefined => parentOf.get(code);
/** Every term id in taxonomy order (parents before their children). */
export const termOrder: string[] = needs.flatMap((t) => [t.id, ...(t.children ?? []).map((c) => c.id)]);

/** The id of the service_at_location joining a service and one of its locations. */
export const serviceAtLocationId = (serviceId: string, locationId: string) => stableUuid(`service_at_location:${serviceId}:${locationId}`);

// ---------------------------------------------------------------------------------------------
// Context of one answer

export type PublicOrganisation = { id: string; name: string; kind: string; website: string | null };

export type HsdsContext = {
	locale: Locale;
	t: Translate;
	/** Public origin of the instance, for URIs. */
	origin: string;
	/** Today in Brussels (YYYY-MM-DD): service status and alerts. */
	today: string;
	municipalities: Map<string, string>;
	organisations: Map<string, PublicOrganisation>;
	/** Texts shared by many services within one answer (labels, organisations), made once. */
	memo: Map<string, unknown>;
};

function memo<T>(c: HsdsContext, key: string, make: () => T): T {
	if (c.memo.has(key)) return c.memo.get(key) as T;
	const value = make();
	c.memo.set(key, value);
	return value;
}

export function hsdsContext(locale: Locale, origin: string, catalogue: Pick<Catalogue, 'municipalities' | 'organisations'>, now = new Date()): HsdsContext {
	return { locale, t: serverTranslator(locale), origin, today: brusselsNow(now).date, municipalities: catalogue.municipalities, organisations: catalogue.organisations, memo: new Map() };
}

type Json = Record<string, unknown>;

/** Drops undefined, null and empty strings: HSDS fields are never null. */
function compact<T extends Json>(o: T): T {
	for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null || o[k] === '') delete o[k];
	return o;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const email = (v: string | null | undefined) => (v && EMAIL.test(v) ? v : undefined);
const uris = new Map<string, string | undefined>();
function uri(v: string | null | undefined): string | undefined {
	if (!v) return undefined;
	if (uris.has(v)) return uris.get(v);
	const checked = checkUri(v);
	if (uris.size > 50_000) uris.clear();
	uris.set(v, checked);
	return checked;
}
function checkUri(v: string): string | undefined {
	try {
		const u = new URL(v);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
	} catch {
		return undefined;
	}
}

/** Belgian province of a municipality, from the first digits of its NIS code (HSDS state_province is required). */
export function provinceOf(nis: string): string {
	if (nis.startsWith('21')) return 'Bruxelles-Capitale';
	if (nis.startsWith('23') || nis.startsWith('24')) return 'Vlaams-Brabant';
	if (nis.startsWith('25')) return 'Brabant wallon';
	const byFirst: Record<string, string> = { '1': 'Antwerpen', '3': 'West-Vlaanderen', '4': 'Oost-Vlaanderen', '5': 'Hainaut', '6': 'Liège', '7': 'Limburg', '8': 'Luxembourg', '9': 'Namur' };
	return byFirst[nis[0] ?? ''] ?? 'Liège';
}

const text = (f: Localised, c: HsdsContext) => pick(f, c.locale);
/** Which language a text is really in, and how it was made (source, machine, reviewed). */
function textInfo(f: Localised, c: HsdsContext) {
	const p = text(f, c);
	return p ? { language: p.lang, status: p.status, fallback: p.fallback } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Taxonomy

export function hsdsTaxonomy(c: HsdsContext): Json {
	return {
		id: TAXONOMY_ID,
		name: 'Passerelle needs',
		description: 'Needs of newcomers in the CRIPEL territory (Liège, Huy, Waremme), from the 2023 Local Integration Plan diagnostic, in two levels. Term names are given in the language asked for (locale).',
		uri: `${c.origin}/api/hsds/taxonomies/${TAXONOMY_ID}`,
		version: '1'
	};
}

const label = (code: string, c: HsdsContext) => catalogues[c.locale][`needs.${code}`] ?? catalogues.fr[`needs.${code}`] ?? code;

export function hsdsTaxonomyTerm(code: string, c: HsdsContext): Json {
	const parent = parentOf.get(code);
	return compact({
		id: termUuid(code),
		code,
		name: label(code, c),
		description: parent ? `${label(parent, c)} › ${label(code, c)}` : label(code, c),
		parent_id: parent ? termUuid(parent) : undefined,
		taxonomy: 'Passerelle needs',
		taxonomy_id: TAXONOMY_ID,
		taxonomy_detail: hsdsTaxonomy(c),
		language: c.locale,
		term_uri: `${c.origin}/api/hsds/taxonomy_terms/${termUuid(code)}`
	});
}

// ---------------------------------------------------------------------------------------------
// Organisation

export function hsdsOrganizationBrief(o: PublicOrganisation, c: HsdsContext): Json {
	return compact({
		id: o.id,
		name: o.name,
		description: catalogues[c.locale][`pro.kind.${o.kind}`] ?? catalogues.fr[`pro.kind.${o.kind}`] ?? o.kind,
		website: uri(o.website),
		uri: `${c.origin}/api/hsds/organizations/${o.id}`,
		x_passerelle: { kind: o.kind }
	});
}

function organisationOf(s: PublishedService, c: HsdsContext): PublicOrganisation {
	return c.organisations.get(s.organisation.id) ?? { ...s.organisation, website: null };
}

export function hsdsOrganizationFull(o: PublicOrganisation, services: readonly PublishedService[], c: HsdsContext, fullServices = false): Json {
	const locations = new Map<string, Json>();
	for (const s of services) for (const l of s.locations) if (!locations.has(l.id)) locations.set(l.id, hsdsLocation(s, l, c));
	return {
		...hsdsOrganizationBrief(o, c),
		locations: [...locations.values()],
		services: services.map((s) => (fullServices ? hsdsServiceFull(s, c) : hsdsServiceBrief(s, c)))
	};
}

// ---------------------------------------------------------------------------------------------
// Location

type Place = PublishedService['locations'][number];

/** A location with its address (one-to-one fields, plus addresses and accessibility). */
export function hsdsLocation(s: PublishedService, l: Place, c: HsdsContext, { nested = true } = {}): Json {
	const base = compact({
		id: l.id,
		location_type: 'physical',
		organization_id: s.organisation.id,
		name: l.name ?? undefined,
		latitude: l.lat ?? undefined,
		longitude: l.lon ?? undefined,
		x_passerelle: { nis_code: l.nisCode }
	});
	if (!nested) return base;
	return {
		...base,
		addresses: [
			{
				id: stableUuid(`address:${l.id}`),
				location_id: l.id,
				address_1: l.street,
				city: l.municipality,
				state_province: provinceOf(l.nisCode),
				postal_code: l.postalCode,
				country: 'BE',
				address_type: 'physical'
			}
		],
		accessibility: s.wheelchair ? [{ id: stableUuid(`accessibility:${s.id}:${l.id}`), location_id: l.id, description: c.t('directory.service.wheelchair') }] : []
	};
}

// ---------------------------------------------------------------------------------------------
// Service

function status(s: PublishedService, c: HsdsContext): string {
	const closed = s.exceptions.some((e) => e.kind === 'closed' && e.startsOn <= c.today && c.today <= e.endsOn);
	return closed ? 'temporarily closed' : 'active';
}

function alert(s: PublishedService, c: HsdsContext): string | undefined {
	if (s.exceptions.length === 0) return undefined;
	// As announcedExceptions (hours.ts), with today's Brussels date computed once per answer.
	const lines = s.exceptions.filter((e) => e.noticeFrom <= c.today && c.today <= e.endsOn).map((e) => {
		const own = pick(e.message, c.locale)?.text;
		if (own) return own;
		const d = (x: string) => formatDate(c.locale, new Date(`${x}T12:00:00Z`), { dateStyle: 'long' });
		return e.kind === 'closed'
			? c.t('directory.service.exceptionClosed', { from: d(e.startsOn), to: d(e.endsOn) })
			: c.t('directory.service.exceptionHours', { from: d(e.startsOn), to: d(e.endsOn), hours: (e.hours ?? []).map((h) => `${h.opensAt}–${h.closesAt}`).join(', ') });
	});
	return lines.length ? lines.join(' ') : undefined;
}

function eligibility(s: PublishedService, c: HsdsContext): string {
	const key = `eligibility:${s.welcomeType}:${s.gender}:${s.audiences.includes('undocumented')}:${s.ageMin}:${s.ageMax}`;
	return memo(c, key, () => eligibilityText(s, c));
}
function eligibilityText(s: PublishedService, c: HsdsContext): string {
	const parts = [c.t(`directory.service.welcome.${s.welcomeType}`)];
	if (s.gender === 'women') parts.push(c.t('directory.service.womenOnly'));
	if (s.audiences.includes('undocumented')) parts.push(c.t('directory.service.noPapers'));
	if (s.ageMin !== null && s.ageMax !== null) parts.push(c.t('directory.service.ages', { min: s.ageMin, max: s.ageMax }));
	else if (s.ageMin !== null) parts.push(c.t('directory.service.fromAge', { min: s.ageMin }));
	return parts.map((p) => p.replace(/[.\s]+$/, '')).join('. ') + '.';
}

/** The service's one-to-one fields and its organization: the items of /services. */
export function hsdsServiceBrief(s: PublishedService, c: HsdsContext): Json {
	const fees = text(s.feeDetails, c)?.text;
	return compact({
		id: s.id,
		organization_id: s.organisation.id,
		name: text(s.name, c)?.text ?? '',
		description: text(s.description, c)?.text,
		url: uri(s.url),
		email: email(s.email),
		status: status(s, c),
		application_process: memo(c, `access:${s.accessModes.join()}`, () => s.accessModes.map((m) => c.t(`directory.service.access.${m}`)).join('; ')),
		fees_description: fees ?? c.t(s.free ? 'directory.service.free' : 'directory.service.paid'),
		eligibility_description: eligibility(s, c),
		minimum_age: s.ageMin ?? undefined,
		maximum_age: s.ageMax ?? undefined,
		assured_date: s.lastVerifiedAt?.slice(0, 10),
		alert: alert(s, c),
		last_modified: s.publishedAt,
		organization: memo(c, `organization:${s.organisation.id}`, () => hsdsOrganizationBrief(organisationOf(s, c), c)),
		x_passerelle: compact({
			page_url: `${c.origin}/${c.locale}/annuaire/${s.id}`,
			texts: compact({ name: textInfo(s.name, c), description: textInfo(s.description, c), fees_description: textInfo(s.feeDetails, c) })
		})
	});
}

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Weekly hours as RFC 5545 rules (one schedule per opening time, its days in byday), then dated special hours. */
export function hsdsSchedules(s: PublishedService, c: HsdsContext): Json[] {
	const groups = new Map<string, { opensAt: string; closesAt: string; days: number[] }>();
	for (const h of [...s.hours].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt))) {
		const key = `${h.opensAt}-${h.closesAt}`;
		const g = groups.get(key) ?? { opensAt: h.opensAt, closesAt: h.closesAt, days: [] };
		if (!g.days.includes(h.weekday)) g.days.push(h.weekday);
		groups.set(key, g);
	}
	const weekly = [...groups.values()].map((g) =>
		compact({
			id: stableUuid(`schedule:${s.id}:${g.opensAt}-${g.closesAt}`),
			service_id: s.id,
			freq: 'WEEKLY',
			wkst: 'MO',
			interval: 1,
			byday: g.days.map((d) => BYDAY[d - 1]).join(','),
			opens_at: g.opensAt,
			closes_at: g.closesAt,
			attending_type: 'in_person',
			notes: s.closedOnPublicHolidays ? c.t('directory.service.holidays') : undefined
		})
	);
	const special = s.exceptions.flatMap((e) =>
		e.kind === 'hours'
			? (e.hours ?? []).map((h) => ({
					id: stableUuid(`schedule:${s.id}:${e.startsOn}:${h.opensAt}-${h.closesAt}`),
					service_id: s.id,
					valid_from: e.startsOn,
					valid_to: e.endsOn,
					freq: 'WEEKLY',
					wkst: 'MO',
					interval: 1,
					byday: BYDAY.join(','),
					opens_at: h.opensAt,
					closes_at: h.closesAt,
					attending_type: 'in_person'
				}))
			: []
	);
	return [...weekly, ...special];
}

function serviceAtLocationsOf(s: PublishedService, c: HsdsContext): Json[] {
	return s.locations.map((l) => ({ id: serviceAtLocationId(s.id, l.id), service_id: s.id, location_id: l.id, location: hsdsLocation(s, l, c) }));
}

/** The fully nested service: /services/{id}, and /services?full=true. */
export function hsdsServiceFull(s: PublishedService, c: HsdsContext, { withLocations = true } = {}): Json {
	const brief = hsdsServiceBrief(s, c);
	const documents = text(s.documents, c)?.text;
	return {
		...brief,
		phones: s.phone ? [{ id: stableUuid(`phone:${s.id}`), service_id: s.id, number: s.phone, type: 'voice' }] : [],
		schedules: hsdsSchedules(s, c),
		service_areas: s.eligibleNis.map((nis) =>
			compact({ id: stableUuid(`service_area:${s.id}:${nis}`), service_id: s.id, name: c.municipalities.get(nis) ?? nis, description: `NIS ${nis}`, extent: nis, extent_type: 'text' })
		),
		...(withLocations ? { service_at_locations: serviceAtLocationsOf(s, c) } : {}),
		languages: s.languages.map((code) => ({
			id: stableUuid(`language:${s.id}:${code}`),
			service_id: s.id,
			name: languageName(code, c.locale, c.t('directory.service.signLanguage')),
			code
		})),
		required_documents: documents ? [{ id: stableUuid(`required_document:${s.id}`), service_id: s.id, document: documents }] : [],
		contacts: [],
		attributes: s.needs.map((code) => ({
			id: stableUuid(`attribute:${s.id}:${code}`),
			link_id: s.id,
			link_entity: 'service',
			link_type: 'need',
			taxonomy_term_id: termUuid(code),
			taxonomy_term: hsdsTaxonomyTerm(code, c)
		})),
		x_passerelle: {
			...(brief.x_passerelle as Json),
			opening_hours: toOpeningHours(s.hours, s.closedOnPublicHolidays),
			needs: s.needs,
			welcome_type: s.welcomeType,
			audiences: s.audiences,
			access_modes: s.accessModes,
			free: s.free,
			childcare: s.childcare,
			wheelchair: s.wheelchair,
			...(s.capacity ? { capacity: s.capacity } : {}),
			...(s.lastVerifiedAt ? { last_verified_at: s.lastVerifiedAt } : {})
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Service at location

export type ServiceAtLocation = { id: string; service: PublishedService; location: Place };

/** One-to-one fields with the location and the service (brief): the items of /service_at_locations. */
export function hsdsServiceAtLocationBrief(sal: ServiceAtLocation, c: HsdsContext): Json {
	return {
		id: sal.id,
		service_id: sal.service.id,
		location_id: sal.location.id,
		location: hsdsLocation(sal.service, sal.location, c, { nested: false }),
		service: hsdsServiceBrief(sal.service, c)
	};
}

export function hsdsServiceAtLocationFull(sal: ServiceAtLocation, c: HsdsContext): Json {
	const s = sal.service;
	return {
		id: sal.id,
		service_id: s.id,
		location_id: sal.location.id,
		phones: s.phone ? [{ id: stableUuid(`phone:${s.id}`), service_id: s.id, number: s.phone, type: 'voice' }] : [],
		schedules: hsdsSchedules(s, c),
		contacts: [],
		location: hsdsLocation(s, sal.location, c),
		service: hsdsServiceFull(s, c, { withLocations: false })
	};
}

// ---------------------------------------------------------------------------------------------
// The catalogue: the index's snapshots arranged for HSDS listings (built once per index)

export type Catalogue = {
	index: SearchIndex;
	/** Index positions of the services, ordered by French name. */
	order: number[];
	organisations: Map<string, PublicOrganisation>;
	/** Organisations with at least one published service, by name, with their services. */
	organisationList: { organisation: PublicOrganisation; services: PublishedService[] }[];
	serviceAtLocations: (ServiceAtLocation & { position: number })[];
	serviceAtLocationById: Map<string, ServiceAtLocation>;
	municipalities: Map<string, string>;
	/** last_modified (publication time) of each service in milliseconds, by index position. */
	modified: Float64Array;
};

const catalogues_ = new WeakMap<SearchIndex, Promise<Catalogue>>();
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

async function buildCatalogue(db: Database, index: SearchIndex): Promise<Catalogue> {
	const services = index.services;
	const nameOf = (s: PublishedService) => pick(s.name, 'fr')?.text ?? '';
	const order = services.map((_, i) => i).sort((a, b) => collator.compare(nameOf(services[a]!), nameOf(services[b]!)) || services[a]!.id.localeCompare(services[b]!.id));
	const orgIds = [...new Set(services.map((s) => s.organisation.id))];
	// Public fields only: name, kind and website (never members, e-mails or anything of the pro space).
	const rows = orgIds.length ? await db.select({ id: organisation.id, name: organisation.name, kind: organisation.kind, website: organisation.website }).from(organisation).where(inArray(organisation.id, orgIds)) : [];
	const organisations = new Map(rows.map((r) => [r.id, r]));
	for (const s of services) if (!organisations.has(s.organisation.id)) organisations.set(s.organisation.id, { ...s.organisation, website: null });
	const byOrg = new Map<string, PublishedService[]>();
	for (const i of order) {
		const s = services[i]!;
		const list = byOrg.get(s.organisation.id) ?? [];
		list.push(s);
		byOrg.set(s.organisation.id, list);
	}
	const organisationList = [...byOrg.entries()]
		.map(([id, list]) => ({ organisation: organisations.get(id)!, services: list }))
		.sort((a, b) => collator.compare(a.organisation.name, b.organisation.name) || a.organisation.id.localeCompare(b.organisation.id));
	const serviceAtLocations = order.flatMap((position) => services[position]!.locations.map((location) => ({ id: serviceAtLocationId(services[position]!.id, location.id), service: services[position]!, location, position })));
	const municipalities = new Map((await createTerritoryRepository({ db }).listMunicipalities()).map((m) => [m.nisCode, m.nameFr]));
	return { index, order, organisations, organisationList, serviceAtLocations, serviceAtLocationById: new Map(serviceAtLocations.map((x) => [x.id, x])), municipalities, modified: Float64Array.from(services, (s) => Date.parse(s.publishedAt)) };
}

/** The HSDS catalogue of this process's current search index (rebuilt with it). */
export async function hsdsCatalogue(db: Database): Promise<Catalogue> {
	const index = await directoryIndex(db);
	let built = catalogues_.get(index);
	if (!built) {
		built = buildCatalogue(db, index);
		catalogues_.set(index, built);
		built.catch(() => catalogues_.delete(index));
	}
	return built;
}

// ---------------------------------------------------------------------------------------------
// Filters

export type ServiceFilters = {
	search?: string;
	/** Our term id; a top-level need includes its children. */
	term?: string;
	/** A taxonomy UUID: ours selects services with any need, another selects none. */
	taxonomyId?: string;
	organizationId?: string;
	modifiedAfter?: Date;
};

/** Index positions of the services matching the filters: by relevance with a search, else by name. */
export function filterServices(cat: Catalogue, f: ServiceFilters): number[] {
	const services = cat.index.services;
	const rel = f.search?.trim() ? cat.index.relevance(f.search) : null;
	const terms = f.term ? new Set(expandTerm(f.term)) : null;
	const after = f.modifiedAfter?.getTime();
	if (f.taxonomyId && f.taxonomyId !== TAXONOMY_ID) return [];
	const kept = cat.order.filter((i) => {
		const s = services[i]!;
		if (rel && rel[i] === 0) return false;
		if (terms && !s.needs.some((n) => terms.has(n))) return false;
		if (f.taxonomyId && s.needs.length === 0) return false;
		if (f.organizationId && s.organisation.id !== f.organizationId) return false;
		if (after !== undefined && !(cat.modified[i]! >= after)) return false;
		return true;
	});
	// Array.prototype.sort is stable: equal relevance keeps the name order.
	return rel ? kept.sort((a, b) => rel[b]! - rel[a]!) : kept;
}

/** Folded for loose matching of names: lower case, no accents. */
export const foldText = (v: string) => v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
