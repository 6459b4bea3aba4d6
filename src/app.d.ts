import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			/** Language of the request: from the URL for /{lang}/… pages, else negotiated. */
			locale: Locale;
		}
		interface Error {
			message: string;
			/** Reference shown to the person and logged, to find the log line of a 500. */
			id?: string;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
