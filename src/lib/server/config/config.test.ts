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
			parcoursDeadlineCutoff: '2025-01-01'
		});
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
		[{ PARCOURS_DEADLINE_CUTOFF: '2024-02-30' }, 'configuration: PARCOURS_DEADLINE_CUTOFF must be a date that exists, e.g. 2025-01-01 (got "2024-02-30")'],
		[{ ORIGIN: 'passerelle' }, 'configuration: ORIGIN must be the public URL of the site, e.g. https://passerelle.example.be (got "passerelle")']
	])('%o is refused with one line naming the variable', (env, message) => {
		expect(() => loadConfig(env)).toThrowError(new StartupError(message));
	});

	it('never repeats a password in its message', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/x' })).toThrowError(/mysql:\/\/admin:\*\*\*@db\/x/);
		expect(redactUrl('postgres://u:p%40ss@h:5432/d')).toBe('postgres://u:***@h:5432/d');
	});
});
