import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createTerritoryRepository, type TerritoryRepository } from './territory.repository';

let handle: DatabaseHandle;
let territory: TerritoryRepository;

beforeAll(async () => {
	handle = await freshDatabase();
	territory = createTerritoryRepository({ db: handle.db });
});
afterAll(async () => handle?.close());

describe('territory reference data', () => {
	it('loads the 55 municipalities of the three arrondissements and their 275 localities', async () => {
		const all = await territory.listMunicipalities();
		expect(all).toHaveLength(55);
		const count = (name: string) => all.filter((m) => m.arrondissement === name).length;
		expect([count('Huy'), count('Liège'), count('Waremme')]).toEqual([17, 24, 14]);
		const localities = (await Promise.all(all.map((m) => territory.localitiesOf(m.nisCode)))).flat();
		expect(localities).toHaveLength(275);
	});

	it('loading again at the next start changes nothing', async () => {
		expect(await territory.sync()).toEqual({ municipalities: 55, localities: 275 });
		expect(await territory.listMunicipalities()).toHaveLength(55);
	});

	it('finds a municipality by NIS code', async () => {
		expect((await territory.byNisCode('62096'))?.nameFr).toBe('Seraing');
		expect(await territory.byNisCode('99999')).toBeNull();
		const [match] = await territory.findPlaces('62063');
		expect(match?.municipality.nameFr).toBe('Liège');
	});

	it('finds the localities of a postal code', async () => {
		const matches = await territory.findPlaces('4101');
		expect(matches.map((m) => [m.locality, m.municipality.nameFr])).toEqual([['Jemeppe-Sur-Meuse', 'Seraing']]);
		const liege = await territory.byPostalCode('4000');
		expect(new Set(liege.map((m) => m.municipality.nameFr))).toEqual(new Set(['Liège']));
		expect(await territory.findPlaces('9999')).toEqual([]);
	});

	it.each([
		['jemeppe', 'Seraing', 'Jemeppe-Sur-Meuse'],
		['Ougree', 'Seraing', 'Ougrée'],
		['OUGRÉE', 'Seraing', 'Ougrée'],
		['  seraing ', 'Seraing', null],
		['Seraign', 'Seraing', null],
		['jemeppe sur meuse', 'Seraing', 'Jemeppe-Sur-Meuse'],
		['Luik', 'Liège', null],
		['liege', 'Liège', null],
		['Hoei', 'Huy', null],
		['borgworm', 'Waremme', null],
		['angleur', 'Liège', 'Angleur']
	])('reads "%s" as %s', async (typed, expected, localityName) => {
		const [best] = await territory.findPlaces(typed);
		expect(best?.municipality.nameFr).toBe(expected);
		expect(best?.locality).toBe(localityName);
	});

	it('lists the municipality itself before villages that only contain its name', async () => {
		const matches = await territory.findPlaces('Seraing');
		expect(matches[0]).toMatchObject({ locality: null, municipality: { nameFr: 'Seraing' } });
		expect(matches.map((m) => m.locality)).toContain('Chapon-Seraing');
	});

	it('answers nothing, without error, to what is no place of the territory', async () => {
		expect(await territory.findPlaces('Bruxelles')).toEqual([]);
		expect(await territory.findPlaces('x')).toEqual([]);
		expect(await territory.findPlaces("'; drop table municipality; --")).toEqual([]);
		expect(await territory.findPlaces('%_%')).toEqual([]);
		expect(await territory.listMunicipalities()).toHaveLength(55);
	});
});
