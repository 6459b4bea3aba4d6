import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { directoryDemoSeeder } from './directory.demo';
import type { PublishedService } from './directory.types';
import {
	filterServices,
	hsdsCatalogue,
	hsdsContext,
	hsdsOrganizationFull,
	hsdsServiceAtLocationBrief,
	hsdsServiceAtLocationFull,
	hsdsServiceBrief,
	hsdsServiceFull,
	hsdsTaxonomyTerm,
	serviceAtLocationId,
	stableUuid,
	TAXONOMY_ID,
	termCode,
	termUuid,
	type Catalogue
} from './hsds';

const standards = path.resolve(import.meta.dirname, '../../../../standards/hsds-3.0');
const schema = (file: string) => JSON.parse(readFileSync(path.join(standards, file), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorOf(file: string, pointer: string[] = []) {
	const key = [file, ...pointer].join('#');
	let v = validators.get(key);
	if (!v) {
		let s = schema(file);
		for (const p of pointer) s = s[p];
		validators.set(key, (v = ajv.compile(s)));
	}
	return v;
}
/** Asserts that an object validates against an official HSDS 3.0 schema, printing the errors if not. */
function expectValid(file: string, value: unknown, pointer: string[] = []) {
	const validate = validatorOf(file, pointer);
	expect(validate(value), `${file}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`).toBe(true);
}

let handle: DatabaseHandle;
let cat: Catalogue;
const now = new Date('2026-12-02T10:30:00Z');

beforeAll(async () => {
	handle = await freshDatabase();
	await directoryDemoSeeder.seed(handle.db);
	cat = await hsdsCatalogue(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

/** A demo snapshot made as full as the model allows: two locations, split hours, exceptions, sign language, documents, ages. */
function fullService(): PublishedService {
	const base = cat.index.services[0]!;
	return {
		...base,
		name: { fr: { text: 'Cours de français du soir', status: 'source' }, ar: { text: 'دروس اللغة الفرنسية المسائية', status: 'machine' } },
		description: { fr: { text: 'Trois soirs par semaine, garderie comprise.', status: 'source' } },
		documents: { fr: { text: 'Une pièce d’identité si vous en avez une.', status: 'source' } },
		feeDetails: { fr: { text: '5 € par trimestre, gratuit pour les personnes sans revenus.', status: 'source' } },
		needs: ['fle', 'childcare'],
		ageMin: 18,
		ageMax: 65,
		gender: 'women',
		audiences: ['undocumented', 'refugee'],
		accessModes: ['walk_in', 'registration'],
		languages: ['fr', 'ar', 'uk', 'sgn-BE-fr'],
		eligibleNis: ['62096', '62063'],
		locations: [
			{ id: '11111111-1111-4111-8111-111111111111', name: 'Maison des Langues', street: 'Rue de la Station 12', postalCode: '4101', nisCode: '62096', municipality: 'Seraing', lat: 50.6, lon: 5.5 },
			{ id: '22222222-2222-4222-8222-222222222222', name: null, street: 'Place Saint-Lambert 1', postalCode: '4000', nisCode: '62063', municipality: 'Liège', lat: null, lon: null }
		],
		hours: [
			{ weekday: 1, opensAt: '09:00', closesAt: '12:00' },
			{ weekday: 1, opensAt: '18:00', closesAt: '21:00' },
			{ weekday: 3, opensAt: '18:00', closesAt: '21:00' },
			{ weekday: 6, opensAt: '10:00', closesAt: '12:00' }
		],
		closedOnPublicHolidays: true,
		exceptions: [
			{ startsOn: '2026-12-01', endsOn: '2026-12-03', kind: 'closed', hours: null, noticeFrom: '2026-11-20', message: { fr: { text: 'Fermé pour travaux.', status: 'source' } } },
			{ startsOn: '2026-12-21', endsOn: '2026-12-31', kind: 'hours', hours: [{ opensAt: '10:00', closesAt: '12:00' }], noticeFrom: '2026-12-01', message: {} }
		],
		email: 'accueil@example.be',
		phone: '+32 4 123 45 67',
		url: 'https://example.be/cours',
		lastVerifiedAt: '2026-11-15T09:00:00.000Z'
	};
}

describe('HSDS 3.0 mapping', () => {
	it('derives stable version-5 UUIDs, the same for the same name', () => {
		expect(stableUuid('taxonomy_term:fle')).toBe(stableUuid('taxonomy_term:fle'));
		expect(stableUuid('taxonomy_term:fle')).not.toBe(stableUuid('taxonomy_term:alpha'));
		expect(termUuid('fle')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(termCode(termUuid('fle'))).toBe('fle');
		expect(termCode('fle')).toBe('fle');
		expect(termCode('nope')).toBeNull();
	});

	it('maps a full service (two locations, schedules, languages, exceptions) to a valid HSDS service', () => {
		const c = hsdsContext('fr', 'https://passerelle.example.be', cat, now);
		const s = hsdsServiceFull(fullService(), c) as Record<string, any>;
		expectValid('service.json', s);
		expect(s.status).toBe('temporarily closed');
		expect(s.alert).toBe('Fermé pour travaux. Horaires spéciaux du 21 décembre 2026 au 31 décembre 2026 : 10:00–12:00.');
		expect(s.schedules.filter((x: { valid_from?: string }) => !x.valid_from).map((x: Record<string, string>) => [x.byday, x.opens_at, x.closes_at])).toEqual([
			['MO', '09:00', '12:00'],
			['MO,WE', '18:00', '21:00'],
			['SA', '10:00', '12:00']
		]);
		expect(s.schedules.every((x: { freq: string }) => x.freq === 'WEEKLY')).toBe(true);
		expect(s.schedules.find((x: { valid_from?: string }) => x.valid_from)).toMatchObject({ valid_from: '2026-12-21', valid_to: '2026-12-31', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '10:00' });
		expect(s.languages.map((l: { code: string }) => l.code)).toEqual(['fr', 'ar', 'uk', 'sgn-BE-fr']);
		expect(s.languages[1].name).toBe('arabe');
		expect(s.languages[3].name).toMatch(/LSFB/);
		expect(s.service_at_locations).toHaveLength(2);
		expect(s.service_at_locations[1].location.addresses[0]).toMatchObject({ address_1: 'Place Saint-Lambert 1', city: 'Liège', postal_code: '4000', state_province: 'Liège', country: 'BE' });
		expect(s.service_at_locations[1].location).not.toHaveProperty('latitude');
		expect(s.service_areas.map((a: { name: string }) => a.name)).toEqual(['Seraing', 'Liège']);
		expect(s.attributes[0]).toMatchObject({ taxonomy_term_id: termUuid('fle'), taxonomy_term: { code: 'fle', taxonomy_id: TAXONOMY_ID } });
		expect(s).toMatchObject({ minimum_age: 18, maximum_age: 65, assured_date: '2026-11-15', email: 'accueil@example.be', url: 'https://example.be/cours' });
		expect(s.eligibility_description).toContain('Réservé aux femmes');
		expect(s.application_process).toBe('Sans rendez-vous; Sur inscription');
		expect(s.phones[0].number).toBe('+32 4 123 45 67');
		expect(s.required_documents[0].document).toMatch(/pièce d’identité/);
	});

	it('gives the asked language, or the French source and says so in x_passerelle.texts', () => {
		const ar = hsdsServiceBrief(fullService(), hsdsContext('ar', 'https://x.be', cat, now)) as Record<string, any>;
		expect(ar.name).toBe('دروس اللغة الفرنسية المسائية');
		expect(ar.x_passerelle.texts.name).toEqual({ language: 'ar', status: 'machine', fallback: false });
		expect(ar.description).toBe('Trois soirs par semaine, garderie comprise.');
		expect(ar.x_passerelle.texts.description).toEqual({ language: 'fr', status: 'source', fallback: true });
		expect(ar.application_process).toMatch(/[\u0600-\u06FF]/);
		expectValid('service_list.json', ar);
	});

	it('validates every demo service, service_at_location and organisation against the official schemas', () => {
		const c = hsdsContext('uk', 'https://x.be', cat, now);
		for (const s of cat.index.services) {
			expectValid('service.json', hsdsServiceFull(s, c));
			expectValid('service_list.json', hsdsServiceBrief(s, c));
		}
		for (const sal of cat.serviceAtLocations.slice(0, 50)) {
			expectValid('service_at_location.json', hsdsServiceAtLocationFull(sal, c));
			expectValid('service_at_location_list.json', hsdsServiceAtLocationBrief(sal, c));
		}
		for (const o of cat.organisationList) expectValid('organization.json', hsdsOrganizationFull(o.organisation, o.services, c, true));
		const term = hsdsTaxonomyTerm('fle', c);
		expectValid('service.json', term, ['properties', 'attributes', 'items', 'properties', 'taxonomy_term']);
		expect(term.parent_id).toBe(termUuid('french'));
	});

	it('lists only organisations with a published service, with public fields only', () => {
		expect(cat.organisationList.length).toBeGreaterThan(0);
		expect(cat.organisationList.every((o) => o.services.length > 0)).toBe(true);
		const c = hsdsContext('fr', 'https://x.be', cat, now);
		const o = hsdsOrganizationFull(cat.organisationList[0]!.organisation, cat.organisationList[0]!.services, c) as Record<string, unknown>;
		expect(Object.keys(o).sort()).toEqual(['description', 'id', 'locations', 'name', 'services', 'uri', 'x_passerelle', ...(o.website ? ['website'] : [])].sort());
	});

	it('filters by text, term (a need includes its children), organisation and modification date', () => {
		const all = filterServices(cat, {});
		expect(all).toHaveLength(200);
		const french = filterServices(cat, { term: 'french' });
		const fle = filterServices(cat, { term: 'fle' });
		expect(fle.length).toBeGreaterThan(0);
		expect(french.length).toBeGreaterThan(fle.length);
		expect(fle.every((i) => cat.index.services[i]!.needs.includes('fle'))).toBe(true);
		const text = filterServices(cat, { search: 'logement' });
		expect(text.length).toBeGreaterThan(0);
		expect(text.length).toBeLessThan(200);
		const org = cat.organisationList[0]!.organisation.id;
		expect(filterServices(cat, { organizationId: org }).map((i) => cat.index.services[i]!.id).sort()).toEqual(cat.organisationList[0]!.services.map((s) => s.id).sort());
		expect(filterServices(cat, { modifiedAfter: new Date('2999-01-01') })).toEqual([]);
		expect(filterServices(cat, { modifiedAfter: new Date('2000-01-01') })).toHaveLength(200);
		expect(filterServices(cat, { taxonomyId: TAXONOMY_ID }).length).toBe(200);
		expect(filterServices(cat, { taxonomyId: stableUuid('another') })).toEqual([]);
	});

	it('gives each service at each location a stable id that finds it back', () => {
		const sal = cat.serviceAtLocations[3]!;
		expect(sal.id).toBe(serviceAtLocationId(sal.service.id, sal.location.id));
		expect(cat.serviceAtLocationById.get(sal.id)?.location.id).toBe(sal.location.id);
	});

	it('accepts the specification’s own full example (the validator is set up right)', () => {
		expectValid('service.json', schema('service_full.json'));
		const broken = { ...schema('service_full.json'), status: 'open' };
		expect(validatorOf('service.json')(broken)).toBe(false);
	});
});
