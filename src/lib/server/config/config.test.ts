import { describe, expect, it } from 'vitest';
import { loadConfig, redactUrl, StartupError } from './config';

describe('configuration from the environment', () => {
	it('needs nothing to start: embedded database in ./.data, demo data, port 3000', () => {
		expect(loadConfig({})).toEqual({
			port: 3000,
			databaseUrl: undefined,
			dataDir: './.data',
			demo: true,
			logLevel: 'info',
			origin: undefined,
			secret: undefined,
			smtpUrl: undefined,
			mailFrom: 'Passerelle <no-reply@passerelle.invalid>',
			mapTileUrl: undefined,
			mapAttribution: '© OpenStreetMap contributors',
			translateUrl: undefined,
			translateApiKey: undefined,
			telegram: { token: undefined, channel: undefined, apiRoot: 'https://api.telegram.org', locales: ['fr'] },
			broadcastDigest: { weekday: 1, hour: 8, minute: 0 },
			caseRetentionYears: 5,
			casesEncryptionKeys: [],
			documentsDir: './.data/documents',
			parcoursDeadlineCutoff: '2025-01-01',
			registerAutoLockDays: 0,
			courseOfferDays: 7
		});
	});

	it('reads the days after which a course register locks itself, and refuses a negative count', () => {
		expect(loadConfig({ REGISTER_AUTOLOCK_DAYS: '14' }).registerAutoLockDays).toBe(14);
		expect(() => loadConfig({ REGISTER_AUTOLOCK_DAYS: '-1' })).toThrow(/REGISTER_AUTOLOCK_DAYS must be 0 \(off\) or more/);
	});

	it('reads the Telegram channel settings and the digest schedule', () => {
		const c = loadConfig({
			TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ',
			TELEGRAM_CHANNEL: '@agenda_cripel',
			TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
			TELEGRAM_CHANNEL_LOCALES: 'fr, en,ar',
			BROADCAST_DIGEST: 'Fri 17:30'
		});
		expect(c.telegram).toEqual({ token: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', channel: '@agenda_cripel', apiRoot: 'http://127.0.0.1:8081', locales: ['fr', 'en', 'ar'] });
		expect(c.broadcastDigest).toEqual({ weekday: 5, hour: 17, minute: 30 });
		expect(loadConfig({ BROADCAST_DIGEST: 'off' }).broadcastDigest).toBeNull();
		expect(loadConfig({ TELEGRAM_CHANNEL: '-1001234567890' }).telegram.channel).toBe('-1001234567890');
	});

	it('reads every variable, and treats an empty one as unset', () => {
		const c = loadConfig({
			PORT: '8080',
			DATABASE_URL: 'postgresql://app:pw@db.internal:5432/passerelle',
			PASSERELLE_DATA_DIR: '/var/lib/passerelle',
			PASSERELLE_DEMO: '0',
			LOG_LEVEL: 'warn',
			ORIGIN: 'https://passerelle.cripel.be',
			TRANSLATE_URL: 'http://127.0.0.1:5000',
			TRANSLATE_API_KEY: 'k-123'
		});
		expect(c).toMatchObject({ port: 8080, demo: false, logLevel: 'warn', dataDir: '/var/lib/passerelle', translateUrl: 'http://127.0.0.1:5000', translateApiKey: 'k-123' });
		expect(loadConfig({ PORT: '', PASSERELLE_DEMO: '' })).toMatchObject({ port: 3000, demo: true });
	});

	it.each([
		[{ PORT: 'abc' }, 'configuration: PORT must be a port number (got "abc")'],
		[{ PORT: '70000' }, 'configuration: PORT must be between 1 and 65535 (got "70000")'],
		[{ DATABASE_URL: 'localhost:5432' }, 'configuration: DATABASE_URL must be a postgres:// or postgresql:// URL (got "localhost:5432")'],
		[{ PASSERELLE_DEMO: 'oui' }, 'configuration: PASSERELLE_DEMO must be 0 or 1 (got "oui")'],
		[{ LOG_LEVEL: 'loud' }, 'configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
		[{ SMTP_URL: 'mail.example.be:25' }, 'configuration: SMTP_URL must be an smtp:// or smtps:// URL (got "mail.example.be:25")'],
		[{ PASSERELLE_SECRET: 'short' }, 'configuration: PASSERELLE_SECRET must be at least 32 characters (e.g. openssl rand -base64 48)'],
		[{ MAP_TILE_URL: 'https://tiles.example.be/tiles.png' }, 'configuration: MAP_TILE_URL must be a tile URL template such as https://tiles.example.be/{z}/{x}/{y}.png (got "https://tiles.example.be/tiles.png")'],
		[{ TRANSLATE_URL: 'ftp://translate.local' }, 'configuration: TRANSLATE_URL must be the http(s) URL of a LibreTranslate server, e.g. http://127.0.0.1:5000 (got "ftp://translate.local")'],
		[{ TRANSLATE_API_KEY: 'x'.repeat(201) }, 'configuration: TRANSLATE_API_KEY must be at most 200 characters'],
		[{ TELEGRAM_CHANNEL_LOCALES: 'fr,xx' }, 'configuration: TELEGRAM_CHANNEL_LOCALES must be a comma-separated list of distinct UI languages, e.g. fr,en,ar (got "fr,xx")'],
		[{ BROADCAST_DIGEST: 'monday 8h' }, 'configuration: BROADCAST_DIGEST must be off or a day and a Brussels time, e.g. mon 08:00 (got "monday 8h")'],
		[{ TELEGRAM_CHANNEL: 'agenda' }, 'configuration: TELEGRAM_CHANNEL must be the channel\'s @name or its numeric id (e.g. -1001234567890) (got "agenda")'],
		[{ TELEGRAM_BOT_TOKEN: 'secret-but-wrong' }, 'configuration: TELEGRAM_BOT_TOKEN must be the token BotFather gave (digits, a colon, then letters)'],
		[{ TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ' }, 'configuration: TELEGRAM_CHANNEL must be set when TELEGRAM_BOT_TOKEN is (the channel\'s @name or numeric id)'],
		[{ CASE_RETENTION_YEARS: '0' }, 'configuration: CASE_RETENTION_YEARS must be between 1 and 100 (got "0")'],
		[{ CASE_RETENTION_YEARS: 'cinq' }, 'configuration: CASE_RETENTION_YEARS must be a whole number of years (got "cinq")'],
		[{ PARCOURS_DEADLINE_CUTOFF: '2024-02-30' }, 'configuration: PARCOURS_DEADLINE_CUTOFF must be a date that exists, e.g. 2025-01-01 (got "2024-02-30")'],
		[{ ORIGIN: 'passerelle' }, 'configuration: ORIGIN must be the public URL of the site, e.g. https://passerelle.example.be (got "passerelle")']
	])('%o is refused with one line naming the variable', (env, message) => {
		expect(() => loadConfig(env)).toThrowError(new StartupError(message));
	});

	it('reads the keys of restricted case content, the current one first, and where documents go', () => {
		const k1 = Buffer.alloc(32, 1).toString('base64');
		const k2 = Buffer.alloc(32, 2).toString('base64');
		const c = loadConfig({ CASES_ENCRYPTION_KEYS: ` 2026b:${k2} , 2025a:${k1}`, PASSERELLE_DATA_DIR: '/srv/passerelle/' });
		expect(c.casesEncryptionKeys.map((k) => [k.id, k.key.toString('base64')])).toEqual([['2026b', k2], ['2025a', k1]]);
		expect(c.documentsDir).toBe('/srv/passerelle/documents');
		expect(loadConfig({ CASES_DOCUMENTS_DIR: '/mnt/shared/documents' }).documentsDir).toBe('/mnt/shared/documents');
	});

	it.each([
		['k1', 'must be a comma-separated list of id:key, the current key first, each key 32 bytes in base64 (openssl rand -base64 32)'],
		[`k1:${Buffer.alloc(16).toString('base64')}`, 'has a key "k1" of 16 bytes; each key must be 32 bytes (openssl rand -base64 32)'],
		[`k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32).toString('base64')}`, 'names the key id "k1" twice'],
		[`a.b:${Buffer.alloc(32).toString('base64')}`, 'has a key id that is not 1 to 32 letters, digits, - or _'],
		[`instance:${Buffer.alloc(32).toString('base64')}`, 'may not use the key id "instance" (the key derived from the instance secret)'],
		['k1:not base64!', 'has a key "k1" that is not base64']
	])('CASES_ENCRYPTION_KEYS %s is refused without quoting it', (value, reason) => {
		expect(() => loadConfig({ CASES_ENCRYPTION_KEYS: value })).toThrowError(new StartupError(`configuration: CASES_ENCRYPTION_KEYS ${reason}`));
	});

	it('never repeats a password in its message', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/x' })).toThrowError(/mysql:\/\/admin:\*\*\*@db\/x/);
		expect(redactUrl('postgres://u:p%40ss@h:5432/d')).toBe('postgres://u:***@h:5432/d');
	});
});
