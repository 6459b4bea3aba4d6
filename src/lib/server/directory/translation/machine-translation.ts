import { logger } from '../../log/logger';

/**
 * A machine-translation provider: French texts in, texts in a target UI locale out.
 * Implementations never throw for a provider problem: they answer null and the texts stay
 * "missing". They never log the texts (organisations' free text may be personal or sensitive).
 */
export interface MachineTranslator {
	/** Our locale codes (among the UI locales) the provider can translate French into. */
	supportedTargets(signal?: AbortSignal): Promise<ReadonlySet<string>>;
	/** The translations in the same order, or null when the provider failed or timed out. */
	translate(texts: string[], target: string, signal?: AbortSignal): Promise<string[] | null>;
}

/**
 * Our locale codes → LibreTranslate's where they differ. Today's LibreTranslate (Argos models)
 * uses ISO 639-1 for all of ours; Tigrinya (ti) and Pashto (ps) only exist when the instance
 * has a model for them, which /languages tells.
 */
const providerCode: Record<string, string> = {};
const toProvider = (locale: string) => providerCode[locale] ?? locale;
const fromProvider = (code: string) => Object.entries(providerCode).find(([, v]) => v === code)?.[0] ?? code;

type Options = {
	url: string;
	apiKey?: string;
	/** Per request; the caller also passes an overall deadline through the signal. */
	timeoutMs?: number;
	/** How long the list of supported languages is kept. */
	languagesTtlMs?: number;
	fetch?: typeof fetch;
};

/** A (self-hosted) LibreTranslate server: POST /translate, GET /languages. */
export function createLibreTranslate({ url, apiKey, timeoutMs = 10_000, languagesTtlMs = 3_600_000, fetch: doFetch = fetch }: Options): MachineTranslator {
	const base = url.replace(/\/+$/, '');
	let cached: { at: number; targets: ReadonlySet<string> } | null = null;
	const signalFor = (outer?: AbortSignal) => (outer ? AbortSignal.any([outer, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs));
	const fail = (operation: string, e: unknown, extra: Record<string, unknown> = {}) => {
		// Class and status only: no URL (it may hold credentials), no texts.
		logger.warn({ provider: 'libretranslate', operation, error: e instanceof Error ? e.name : String(e), ...extra }, 'machine translation unavailable');
	};

	async function supportedTargets(signal?: AbortSignal): Promise<ReadonlySet<string>> {
		if (cached && Date.now() - cached.at < languagesTtlMs) return cached.targets;
		try {
			const res = await doFetch(`${base}/languages`, { signal: signalFor(signal), headers: { accept: 'application/json' } });
			if (!res.ok) throw Object.assign(new Error('HTTP'), { name: `HTTP ${res.status}` });
			const list = (await res.json()) as { code: string; targets?: string[] }[];
			const french = list.find((l) => l.code === 'fr');
			const targets = new Set((french?.targets ?? []).map(fromProvider));
			cached = { at: Date.now(), targets };
			return targets;
		} catch (e) {
			fail('languages', e);
			// Not cached: the next save asks again.
			return new Set();
		}
	}

	async function translate(texts: string[], target: string, signal?: AbortSignal): Promise<string[] | null> {
		if (!texts.length) return [];
		try {
			const res = await doFetch(`${base}/translate`, {
				method: 'POST',
				signal: signalFor(signal),
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ q: texts, source: 'fr', target: toProvider(target), format: 'text', ...(apiKey ? { api_key: apiKey } : {}) })
			});
			if (!res.ok) throw Object.assign(new Error('HTTP'), { name: `HTTP ${res.status}` });
			const body = (await res.json()) as { translatedText?: unknown };
			const out = body.translatedText;
			if (!Array.isArray(out) || out.length !== texts.length || !out.every((t) => typeof t === 'string' && t.trim() !== '')) throw Object.assign(new Error('shape'), { name: 'UnexpectedAnswer' });
			return (out as string[]).map((t) => t.trim());
		} catch (e) {
			fail('translate', e, { target, count: texts.length });
			return null;
		}
	}

	return { supportedTargets, translate };
}
