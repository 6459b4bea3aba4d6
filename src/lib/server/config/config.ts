import { z } from 'zod';
import { isLocale, type Locale } from '../../i18n/locales';

/** A start-up problem the operator can fix; its message is one line, without secrets. */
export class StartupError extends Error {
	override name = 'StartupError';
}

const booleanFlag = z
	.enum(['0', '1', 'true', 'false', 'yes', 'no'], {
		error: 'must be 0 or 1'
	})
	.transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
	PORT: z.coerce
		.number({ error: 'must be a port number' })
		.int('must be a whole number')
		.min(1, 'must be between 1 and 65535')
		.max(65535, 'must be between 1 and 65535')
		.default(3000),
	DATABASE_URL: z
		.string()
		.trim()
		.refine((v) => /^postgres(ql)?:\/\/[^/]+/.test(v), {
			message: 'must be a postgres:// or postgresql:// URL'
		})
		.optional(),
	PASSERELLE_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./.data'),
	PASSERELLE_DEMO: booleanFlag.default(true),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
			error: 'must be one of fatal, error, warn, info, debug, trace, silent'
		})
		.default('info'),
	ORIGIN: z
		.url({ error: 'must be the public URL of the site, e.g. https://passerelle.example.be' })
		.optional(),
	PASSERELLE_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional(),
	SMTP_URL: z
		.string()
		.refine((v) => /^smtps?:\/\/[^/]+/.test(v), { message: 'must be an smtp:// or smtps:// URL' })
		.optional(),
	MAIL_FROM: z.string().min(3).default('Passerelle <no-reply@passerelle.invalid>'),
	MAP_TILE_URL: z
		.string()
		.refine((v) => /^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(v), { message: 'must be a tile URL template such as https://tiles.example.be/{z}/{x}/{y}.png' })
		.optional(),
	MAP_ATTRIBUTION: z.string().max(300).default('© OpenStreetMap contributors'),
	TRANSLATE_URL: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of a LibreTranslate server, e.g. http://127.0.0.1:5000' }).optional(),
	TRANSLATE_API_KEY: z.string().trim().min(1).max(200, 'must be at most 200 characters').optional(),
	TELEGRAM_BOT_TOKEN: z
		.string()
		.trim()
		.regex(/^\d+:[\w-]{20,}$/, 'must be the token BotFather gave (digits, a colon, then letters)')
		.optional(),
	TELEGRAM_CHANNEL: z
		.string()
		.trim()
		.regex(/^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20})$/, 'must be the channel\'s @name or its numeric id (e.g. -1001234567890)')
		.optional(),
	TELEGRAM_API_ROOT: z
		.url({ protocol: /^https?$/, error: 'must be the http(s) URL of a Bot API server, e.g. https://api.telegram.org' })
		.transform((v) => v.replace(/\/+$/, ''))
		.default('https://api.telegram.org'),
	TELEGRAM_CHANNEL_LOCALES: z
		.string()
		.transform((v) => v.split(',').map((l) => l.trim()).filter(Boolean))
		.refine((list) => list.length > 0 && list.every(isLocale) && new Set(list).size === list.length, {
			message: 'must be a comma-separated list of distinct UI languages, e.g. fr,en,ar'
		})
		.default(['fr']),
	BROADCAST_DIGEST: z
		.string()
		.trim()
		.toLowerCase()
		.refine((v) => v === 'off' || digestPattern.test(v), { message: 'must be off or a day and a Brussels time, e.g. mon 08:00' })
		.default('mon 08:00'),
	CASE_RETENTION_YEARS: z.coerce.number({ error: 'must be a whole number of years' }).int('must be a whole number of years').min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').default(5),
	CASES_ENCRYPTION_KEYS: z
		.string()
		.transform((v, ctx) => {
			const keys = parseCaseKeys(v);
			if (typeof keys === 'string') {
				ctx.addIssue({ code: 'custom', message: keys });
				return z.NEVER;
			}
			return keys;
		})
		.optional(),
	CASES_DOCUMENTS_DIR: z.string().trim().min(1, 'must not be empty').optional(),
	COURSE_OFFER_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int('must be a whole number of days').min(1, 'must be between 1 and 60').max(60, 'must be between 1 and 60').default(7),
	PARCOURS_DEADLINE_CUTOFF: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, e.g. 2025-01-01')
		.refine((v) => { const d = new Date(`${v}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v); }, 'must be a date that exists, e.g. 2025-01-01')
		.default('2025-01-01'),
	REGISTER_AUTOLOCK_DAYS: z.coerce.number().int('must be a whole number of days').min(0, 'must be 0 (off) or more').max(3650, 'must be at most 3650').default(0)
});

/** A key of restricted case content: its id (carried by every ciphertext) and 32 bytes. */
export type CaseKey = { id: string; key: Buffer };

const caseKeysFormat = 'must be a comma-separated list of id:key, the current key first, each key 32 bytes in base64 (openssl rand -base64 32)';

/**
 * CASES_ENCRYPTION_KEYS: "2026b:<base64>,2025a:<base64>", the first one encrypts, all decrypt.
 * Returns the keys, or the reason they are refused (never quoting a key).
 */
export function parseCaseKeys(value: string): CaseKey[] | string {
	const keys: CaseKey[] = [];
	for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
		const colon = part.indexOf(':');
		if (colon < 0) return caseKeysFormat;
		const id = part.slice(0, colon).trim();
		const encoded = part.slice(colon + 1).trim();
		if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) return 'has a key id that is not 1 to 32 letters, digits, - or _';
		if (id === 'instance') return 'may not use the key id "instance" (the key derived from the instance secret)';
		if (keys.some((k) => k.id === id)) return `names the key id "${id}" twice`;
		if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) return `has a key "${id}" that is not base64`;
		const key = Buffer.from(encoded, 'base64');
		if (key.length !== 32) return `has a key "${id}" of ${key.length} bytes; each key must be 32 bytes (openssl rand -base64 32)`;
		keys.push({ id, key });
	}
	return keys.length ? keys : caseKeysFormat;
}

const digestPattern = /^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):([0-5]\d)$/;
const digestDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** When the weekly digest goes out: ISO weekday (1 = Monday) and Brussels time; null = never. */
export type DigestSchedule = { weekday: number; hour: number; minute: number } | null;

function parseDigest(value: string): DigestSchedule {
	const m = digestPattern.exec(value);
	if (!m) return null;
	return { weekday: digestDays.indexOf(m[1]!) + 1, hour: Number(m[2]), minute: Number(m[3]) };
}

export type Config = {
	port: number;
	databaseUrl: string | undefined;
	dataDir: string;
	demo: boolean;
	logLevel: z.infer<typeof schema>['LOG_LEVEL'];
	origin: string | undefined;
	/** Instance secret for keyed hashes and encryption at rest; generated and stored when unset. */
	secret: string | undefined;
	smtpUrl: string | undefined;
	mailFrom: string;
	/** Raster tiles for the results map (shown only with JavaScript, only when set). */
	mapTileUrl: string | undefined;
	mapAttribution: string;
	/** A LibreTranslate server filling missing languages of service texts; unset: they stay missing. */
	translateUrl: string | undefined;
	translateApiKey: string | undefined;
	/** The one-way Telegram channel; without a token nothing is posted and queued messages wait. */
	telegram: { token: string | undefined; channel: string | undefined; apiRoot: string; locales: Locale[] };
	broadcastDigest: DigestSchedule;
	/** Closed case files are anonymised this many years after closed_at (the daily retention job). */
	caseRetentionYears: number;
	/**
	 * Keys of restricted case content (notes, facts, documents), the current one first. Empty:
	 * a key derived from the instance secret is used (fine for a trial, not for production).
	 */
	casesEncryptionKeys: CaseKey[];
	/** Where case documents are stored: CASES_DOCUMENTS_DIR, else <data dir>/documents. */
	documentsDir: string;
	/**
	 * Residence permits ordered on or after this day get the 3-year deadline of the 2024 decree for
	 * the Parcours d'Intégration; those ordered before keep 18 months (YYYY-MM-DD).
	 */
	parcoursDeadlineCutoff: string;
	/** A saved course register whose session ended more than this many days ago locks itself when next opened; 0: never. */
	registerAutoLockDays: number;
	/** Days a person has to take a seat offered on a course before it goes to the next one (COURSE_OFFER_DAYS). */
	courseOfferDays: number;
};

/** Hides the password of a connection URL so an error can name it safely. */
export function redactUrl(value: string): string {
	return value.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/**
 * Reads and validates the configuration from the environment.
 * Empty variables count as unset, so `PORT=` falls back to its default.
 * Throws a StartupError naming the first wrong variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const input: Record<string, string> = {};
	for (const key of Object.keys(schema.shape)) {
		const value = env[key];
		if (value !== undefined && value !== '') input[key] = value;
	}
	const parsed = schema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const key = String(issue.path[0]);
		const raw = input[key];
		const secret = key === 'PASSERELLE_SECRET' || key === 'TRANSLATE_API_KEY' || key === 'TELEGRAM_BOT_TOKEN' || key === 'CASES_ENCRYPTION_KEYS';
		const shown = raw === undefined || secret ? '' : ` (got "${redactUrl(raw).slice(0, 80)}")`;
		throw new StartupError(`configuration: ${key} ${issue.message}${shown}`);
	}
	const c = parsed.data;
	if (c.TELEGRAM_BOT_TOKEN && !c.TELEGRAM_CHANNEL) {
		throw new StartupError('configuration: TELEGRAM_CHANNEL must be set when TELEGRAM_BOT_TOKEN is (the channel\'s @name or numeric id)');
	}
	return {
		port: c.PORT,
		databaseUrl: c.DATABASE_URL,
		dataDir: c.PASSERELLE_DATA_DIR,
		demo: c.PASSERELLE_DEMO,
		logLevel: c.LOG_LEVEL,
		origin: c.ORIGIN,
		secret: c.PASSERELLE_SECRET,
		smtpUrl: c.SMTP_URL,
		mailFrom: c.MAIL_FROM,
		mapTileUrl: c.MAP_TILE_URL,
		mapAttribution: c.MAP_ATTRIBUTION,
		translateUrl: c.TRANSLATE_URL,
		translateApiKey: c.TRANSLATE_API_KEY,
		telegram: {
			token: c.TELEGRAM_BOT_TOKEN,
			channel: c.TELEGRAM_CHANNEL,
			apiRoot: c.TELEGRAM_API_ROOT,
			locales: c.TELEGRAM_CHANNEL_LOCALES as Locale[]
		},
		broadcastDigest: parseDigest(c.BROADCAST_DIGEST),
		caseRetentionYears: c.CASE_RETENTION_YEARS,
		casesEncryptionKeys: c.CASES_ENCRYPTION_KEYS ?? [],
		documentsDir: c.CASES_DOCUMENTS_DIR ?? `${c.PASSERELLE_DATA_DIR.replace(/\/+$/, '')}/documents`,
		parcoursDeadlineCutoff: c.PARCOURS_DEADLINE_CUTOFF,
		registerAutoLockDays: c.REGISTER_AUTOLOCK_DAYS,
		courseOfferDays: c.COURSE_OFFER_DAYS
	};
}
