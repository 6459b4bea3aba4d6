import type { Locale } from '$lib/i18n/locales';
import type { SessionRow } from '$lib/server/identity/sessions';
import type { Actor } from '$lib/server/policy/policy';

declare global {
	namespace App {
		interface Locals {
			/** Language of the request: from the URL for /{lang}/… pages, else negotiated. */
			locale: Locale;
			/** Who is asking: anonymous, or a signed-in person with their roles. */
			actor: Actor;
			/** The session behind the cookie, when signed in. */
			session: SessionRow | null;
		}
		interface Error {
			message: string;
			/** Reference shown to the person and logged, to find the log line of a 500. */
			id?: string;
		}
	}
}

export {};
