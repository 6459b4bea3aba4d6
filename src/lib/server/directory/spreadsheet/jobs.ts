import { randomBytes } from 'node:crypto';
import type { SessionRow } from '../../identity/sessions';
import type { SignedIn } from '../../policy/policy';
import type { Mapping, Plan, Scope } from './directory-sheet';
import type { Table } from './read';

/**
 * Uploaded files between the steps of an import (mapping, dry run, import), kept in this
 * process's memory under a random token, for their uploader only, for an hour. Nothing is
 * written to disk. Several app processes behind a proxy need sticky sessions for imports
 * (a token made by one process is unknown to the others: the page then says it expired).
 */
export type ImportJob = {
	token: string;
	userId: string;
	scope: Scope;
	fileName: string;
	table: Table;
	mapping: Mapping;
	state: 'mapping' | 'checked' | 'running' | 'done' | 'failed';
	plan: Plan | null;
	publish: boolean;
	progress: { done: number; total: number };
	result: { created: number; updated: number; unchanged: number; published: boolean } | null;
	expiresAt: number;
	/**
	 * Who started the import, as the database said when they did (set while it runs): the
	 * session id (SHA-256 of the cookie token), the actor and session row, and the time until
	 * which that session stays valid without a new request. See progress.ts.
	 */
	starter: { sessionId: string; actor: SignedIn; session: SessionRow; validUntil: number } | null;
};

const TTL_MS = 60 * 60 * 1000;
const MAX_PER_USER = 3;
const jobs = new Map<string, ImportJob>();

function sweep(now = Date.now()) {
	for (const [token, job] of jobs) if (job.expiresAt < now && job.state !== 'running') jobs.delete(token);
}

export function createJob(fields: Pick<ImportJob, 'userId' | 'scope' | 'fileName' | 'table' | 'mapping'>): ImportJob {
	sweep();
	// A person keeps a few files at once; the oldest not running makes room.
	const own = [...jobs.values()].filter((j) => j.userId === fields.userId && j.state !== 'running').sort((a, b) => a.expiresAt - b.expiresAt);
	while (own.length >= MAX_PER_USER) jobs.delete(own.shift()!.token);
	const job: ImportJob = { ...fields, token: randomBytes(24).toString('base64url'), state: 'mapping', plan: null, publish: false, progress: { done: 0, total: 0 }, result: null, expiresAt: Date.now() + TTL_MS, starter: null };
	jobs.set(job.token, job);
	return job;
}

/** The job, for its uploader only (anyone else gets nothing, as for an unknown token). */
export function findJob(token: string, userId: string): ImportJob | null {
	sweep();
	const job = jobs.get(token);
	return job && job.userId === userId ? job : null;
}

/** The job of this token while it runs, whoever asks (progress.ts checks who). */
export function runningJob(token: string): ImportJob | null {
	const job = jobs.get(token);
	return job && job.state === 'running' ? job : null;
}

export function dropJob(token: string) {
	jobs.delete(token);
}
