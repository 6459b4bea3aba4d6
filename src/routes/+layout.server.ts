import { directionOf } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { catalogueSlice } from '$server/i18n/catalogues';
import { operator } from '$server/instance/instance';
import type { LayoutServerLoad } from './$types';

// Public pages are rendered on the server and ship no JavaScript: they work without it and stay
// light on a cheap phone. Parts of the site that need interactivity turn it on in their layout.
export const csr = false;

const publicNamespaces = ['common.', 'error.', 'home.', 'parcours.', 'communes.', 'a11y.', 'privacy.', 'legal.', 'needs.', 'directory.', 'agenda.', 'courses.'];
const proNamespaces = [...publicNamespaces, 'pro.'];

export const load: LayoutServerLoad = ({ locals, route, url }) => ({
	locale: locals.locale,
	dir: directionOf(locals.locale),
	// The pro space's strings only where they are used (an error page under /pro needs them too).
	messages: catalogueSlice(locals.locale, route.id?.includes('/pro') || /^\/[a-z]{2}\/pro(\/|$)/.test(url.pathname) ? proNamespaces : publicNamespaces),
	operator,
	demo: runtime().instance.demo,
	municipalityCount: runtime().territory.municipalities
});
