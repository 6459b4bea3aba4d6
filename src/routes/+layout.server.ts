import { directionOf } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { messagesFor } from '$server/i18n/catalogues';
import { operator } from '$server/instance/instance';
import type { LayoutServerLoad } from './$types';

// Public pages are rendered on the server and ship no JavaScript: they work without it and stay
// light on a cheap phone. Parts of the site that need interactivity turn it on in their layout.
export const csr = false;

const publicNamespaces = ['common.', 'error.', 'home.', 'parcours.', 'communes.', 'a11y.', 'privacy.', 'legal.'];

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	dir: directionOf(locals.locale),
	messages: messagesFor(locals.locale, publicNamespaces),
	operator,
	demo: runtime().instance.demo,
	municipalityCount: runtime().territory.municipalities
});
