import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per run of the retention job. The daily job's row is its claim: one 'scheduled' row a
 * day (unique), so whichever process inserts today's first runs the job and the others skip it.
 * Runs from the command line are recorded too, as many as were made.
 */
export const retentionRun = pgTable(
	'retention_run',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The UTC day of the run. */
		day: date('day').notNull(),
		/** scheduled (the daily job) or cli (`npm run cli -- retention`). */
		trigger: text('trigger').notNull().default('scheduled'),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
		/** Null while running, or when the process stopped during the run (the next run finishes the work). */
		finishedAt: timestamp('finished_at', { withTimezone: true }),
		/** The retention period applied, in years after closed_at. */
		years: integer('years').notNull(),
		/** Files closed before this moment were due. */
		cutoff: timestamp('cutoff', { withTimezone: true }).notNull(),
		anonymised: integer('anonymised').notNull().default(0),
		failed: integer('failed').notNull().default(0),
		/** Course requests without a case file whose name and contact were erased (courses.retention). */
		courseRequestsErased: integer('course_requests_erased').notNull().default(0)
	},
	(t) => [uniqueIndex('retention_run_scheduled_day_idx').on(t.day).where(sql`"trigger" = 'scheduled'`), index('retention_run_started_idx').on(t.startedAt)]
);
