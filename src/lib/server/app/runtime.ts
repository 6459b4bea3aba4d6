import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config/config';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { demoSeeders } from '../demo/seeders';
import { deriveKeys, type Keys } from '../crypto/crypto';
import { initialiseInstance, instanceSecret, type InstanceState } from '../instance/instance';
import { createSessions } from '../identity/sessions';
import { createMailer, type Mailer } from '../notify/mailer';
import { logger } from '../log/logger';
import { syncTaxonomy } from '../directory/taxonomy';
import { createLibreTranslate, type MachineTranslator } from '../directory/translation/machine-translation';
import { createTerritoryRepository } from '../territory/territory.repository';
import { createCampaigns } from '../directory/campaign.usecases';
import { createBroadcastWorker, type BroadcastWorker } from '../broadcast/broadcast.worker';
import { appEventSource } from '../broadcast/broadcast.source';
import { startCaseJobs } from '../cases/cases.referrals.jobs';
import { scheduleRetention } from '../cases/rights/retention.usecases';
import { startCourseJobs } from '../courses/courses.demand.usecases';
import { lockDataDir } from './lock';

export type Runtime = {
	config: Config;
	database: DatabaseHandle;
	instance: InstanceState;
	/** Counts of the territory's reference data, read once at start. */
	territory: { municipalities: number; localities: number };
	keys: Keys;
	mailer: Mailer;
	/** Fills missing languages of service texts on save; null when TRANSLATE_URL is unset. */
	translator: MachineTranslator | null;
};

// Kept on globalThis so that every copy of this module (the built server and a test importing
// the sources in the same process) sees the one runtime.
const slot = Symbol.for('passerelle.runtime');
const store = globalThis as unknown as {
	[slot]?: { current?: Runtime; unlock?: () => void; purgeTimer?: NodeJS.Timeout; reminderTimer?: NodeJS.Timeout; caseJobsTimer?: NodeJS.Timeout; courseJobsTimer?: NodeJS.Timeout; broadcast?: BroadcastWorker };
};
const state = (store[slot] ??= {});

/**
 * Everything the app needs before its first request: validated configuration, the database
 * (embedded PGlite in PASSERELLE_DATA_DIR, or PostgreSQL at DATABASE_URL), the migrations,
 * the territory's reference data and, on a first start in demo mode, the demo data.
 * Throws StartupError (one line, no secret) for anything an operator can fix.
 */
export async function startRuntime(env: Record<string, string | undefined> = process.env, { background = true }: { background?: boolean } = {}): Promise<Runtime> {
	const started = performance.now();
	const config = loadConfig(env);
	logger.level = config.logLevel;
	let database: DatabaseHandle;
	if (config.databaseUrl) {
		database = await openDatabase({ engine: 'postgres', url: config.databaseUrl });
	} else {
		const dataDir = path.resolve(config.dataDir);
		mkdirSync(dataDir, { recursive: true });
		state.unlock = lockDataDir(dataDir);
		database = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
	}
	await migrateDatabase(database);
	const territory = await createTerritoryRepository({ db: database.db }).sync();
	await syncTaxonomy(database.db);
	const instance = await initialiseInstance(database.db, { demo: config.demo, seeders: demoSeeders });
	const keys = deriveKeys(await instanceSecret(database.db, config.secret));
	const mailer = createMailer({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom });
	const translator = config.translateUrl ? createLibreTranslate({ url: config.translateUrl, apiKey: config.translateApiKey }) : null;
	const current: Runtime = { config, database, instance, territory, keys, mailer, translator };
	state.current = current;
	// Expired and idle sessions are deleted at start and every hour.
	const sessions = createSessions({ db: database.db });
	await sessions.purge();
	state.purgeTimer = setInterval(() => void sessions.purge().catch(() => {}), 3_600_000);
	state.purgeTimer.unref();
	// Campaign reminders and reminders between campaigns: every hour, claimed row by row so that
	// several processes never send the same one. Links point at ORIGIN (or the local address).
	const origin = config.origin?.replace(/\/$/, '') ?? `http://localhost:${env.PORT ?? 3000}`;
	const campaigns = createCampaigns({ db: database.db, mailer, origin });
	state.reminderTimer = setInterval(() => void campaigns.sendDueReminders(new Date()).catch((error) => logger.warn({ err: (error as Error).name }, 'reminders failed')), 3_600_000);
	state.reminderTimer.unref();
	// The Telegram channel's queue (idle without TELEGRAM_BOT_TOKEN; not in command-line runs).
	state.broadcast = createBroadcastWorker({
		db: database.db,
		source: appEventSource(database.db, origin),
		config: { ...config.telegram, siteUrl: origin, digest: config.broadcastDigest }
	});
	if (background) state.broadcast.start();
	// Consents past their day, referral reminders (10 days) and expiry (30 days): hourly, claimed row by row.
	if (background) state.caseJobsTimer = startCaseJobs({ db: database.db, mailer, origin });
	// Seats offered on courses and not taken by their day (COURSE_OFFER_DAYS) go to the next waiting person: hourly.
	if (background) state.courseJobsTimer = startCourseJobs({ db: database.db, mailer, origin, offerDays: config.courseOfferDays });
	// Closed case files are anonymised CASE_RETENTION_YEARS after closing: a daily job, run by one process a day.
	if (background) scheduleRetention({ db: database.db, years: config.caseRetentionYears, alive: () => state.current === current });
	logger.info(
		{ engine: database.engine, demo: instance.demo, machineTranslation: translator !== null, channel: state.broadcast.enabled, ms: Math.round(performance.now() - started) },
		'ready'
	);
	return current;
}

/** The started runtime; only request handlers call this, after the init hook ran. */
export function runtime(): Runtime {
	if (!state.current) throw new Error('runtime not started');
	return state.current;
}

export async function stopRuntime(): Promise<void> {
	const r = state.current;
	state.current = undefined;
	clearInterval(state.purgeTimer);
	clearInterval(state.reminderTimer);
	clearInterval(state.caseJobsTimer);
	clearInterval(state.courseJobsTimer);
	try {
		// Finishes the Bot API call in progress and records it before the database closes.
		await state.broadcast?.stop();
		state.broadcast = undefined;
		r?.mailer.close();
		await r?.database.close();
	} finally {
		state.unlock?.();
		state.unlock = undefined;
	}
}
