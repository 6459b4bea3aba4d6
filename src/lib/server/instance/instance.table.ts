import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Facts about this instance of the platform, written once at first start (e.g. demo mode). */
export const instanceSetting = pgTable('instance_setting', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
