import { z } from 'zod';

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
	PARCOURS_DEADLINE_CUTOFF: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, e.g. 2025-01-01')
		.refine((v) => { const d = new Date(`${v}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v); }, 'must be a date that exists, e.g. 2025-01-01')
		.default('2025-01-01')
});

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
	/**
	 * Residence permits ordered on or after this day get the 3-year deadline of the 2024 decree for
	 * the Parcours d'Intégration; those ordered before keep 18 months (YYYY-MM-DD).
	 */
	parcoursDeadlineCutoff: string;
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
		const secret = key === 'PASSERELLE_SECRET' || key === 'TRANSLATE_API_KEY';
		const shown = raw === undefined || secret ? '' : ` (got "${redactUrl(raw).slice(0, 80)}")`;
		throw new StartupError(`configuration: ${key} ${issue.message}${shown}`);
	}
	const c = parsed.data;
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
		parcoursDeadlineCutoff: c.PARCOURS_DEADLINE_CUTOFF
	};
}
