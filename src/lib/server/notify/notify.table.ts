import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every e-mail the platform writes. With SMTP_URL it is sent at once and marked sent; without,
 * it waits here for a platform admin to read it in the app.
 */
export const outbox = pgTable(
	'outbox',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		recipient: text('recipient').notNull(),
		locale: text('locale').notNull(),
		kind: text('kind').notNull(),
		subject: text('subject').notNull(),
		bodyText: text('body_text').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		error: text('error')
	},
	(t) => [index('outbox_created_idx').on(t.createdAt)]
);
