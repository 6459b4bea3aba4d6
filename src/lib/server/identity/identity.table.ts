import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../territory/territory.table';

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
};

/** An organisation of the network: the CRI, an ILI, a CISP, a CPAS, a municipal service… */
export const organisation = pgTable('organisation', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	kind: text('kind').notNull(),
	nisCode: text('nis_code')
		.notNull()
		.references(() => municipality.nisCode),
	street: text('street'),
	postalCode: text('postal_code'),
	email: text('email'),
	phone: text('phone'),
	website: text('website'),
	/** Accreditation axes: fle, citizenship, isp, interculturality, social_legal. */
	axes: text('axes').array().notNull().default(sql`'{}'::text[]`),
	...timestamps
});

/** A person who signs in to the pro space. E-mail is stored lower-cased. */
export const userAccount = pgTable(
	'user_account',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		name: text('name').notNull(),
		locale: text('locale').notNull().default('fr'),
		passwordHash: text('password_hash'),
		/** Encrypted (AES-256-GCM) TOTP secret, set once the person confirmed a first code. */
		totpSecret: text('totp_secret'),
		/** Encrypted secret shown during set-up, before confirmation. */
		totpPendingSecret: text('totp_pending_secret'),
		totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
		/** The last TOTP time step accepted: a code is never accepted twice. */
		totpLastStep: integer('totp_last_step'),
		/** platform_admin, directory_editor */
		platformRoles: text('platform_roles').array().notNull().default(sql`'{}'::text[]`),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		...timestamps
	},
	(t) => [uniqueIndex('user_account_email_idx').on(t.email)]
);

/** A person's role in one organisation: admin, coordinator, worker or reader. */
export const membership = pgTable(
	'membership',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => userAccount.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index('membership_org_idx').on(t.organisationId)]
);

/** A signed-in browser. `id` is the SHA-256 of the cookie's token: a database leak opens no session. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => userAccount.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		/** When the second factor was checked in this session; null: not (yet). */
		secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
		/** The account has a second factor that this session still has to pass. */
		pendingSecondFactor: boolean('pending_second_factor').notNull().default(false),
		/** A short description of the browser ("Firefox on Android"), for the sessions list. */
		device: text('device')
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

/** An invitation to join an organisation: single use, expiring; only the token's hash is kept. */
export const invitation = pgTable(
	'invitation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		tokenHash: text('token_hash').notNull(),
		email: text('email').notNull(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		locale: text('locale').notNull(),
		invitedBy: uuid('invited_by').references(() => userAccount.id, { onDelete: 'set null' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('invitation_token_idx').on(t.tokenHash), index('invitation_org_idx').on(t.organisationId)]
);

/** A password-reset (or first-password) link: single use, one hour. */
export const passwordReset = pgTable('password_reset', {
	tokenHash: text('token_hash').primaryKey(),
	userId: uuid('user_id')
		.notNull()
		.references(() => userAccount.id, { onDelete: 'cascade' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** One-time recovery codes for a lost second factor (hashed). */
export const recoveryCode = pgTable(
	'recovery_code',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => userAccount.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.userId, t.codeHash] })]
);

/** Failure counters for sign-in and reset requests, per account and per (hashed) IP address. */
export const authThrottle = pgTable('auth_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
	lockedUntil: timestamp('locked_until', { withTimezone: true })
});
