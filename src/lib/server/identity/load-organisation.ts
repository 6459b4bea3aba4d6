import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '../app/runtime';
import { createIdentityRepository } from './identity.repository';

/** Loads the organisation of a route, 404 when the id is malformed or unknown. */
export async function loadOrganisation(id: string) {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const org = await createIdentityRepository({ db: runtime().database.db }).organisations.byId(id);
	if (!org) error(404, 'Not Found');
	return org;
}
