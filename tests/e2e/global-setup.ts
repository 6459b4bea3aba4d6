import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { rmSync } from 'node:fs';
import { DEMO_TEMPLATE, makeDemoTemplate, startServer, type RunningServer } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

let server: RunningServer | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let template: string | undefined;

/**
 * One app server for the browser suites, built as in production (scripts/test.js builds first).
 * Without DATABASE_URL it runs on a throwaway PGlite folder; with it, on a fresh PostgreSQL database.
 */
export async function setup(project: TestProject) {
	const env: Record<string, string> = {};
	const serverUrl = process.env.DATABASE_URL;
	if (serverUrl) {
		const name = `passerelle_e2e_${Date.now()}`;
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		env.DATABASE_URL = url.toString();
		dropDatabase = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	} else {
		// Suites that start their own demo server copy this folder instead of seeding again; the
		// shared server starts on a copy too. Test files run in workers started after this, so they
		// inherit the variable.
		template = await makeDemoTemplate();
		process.env[DEMO_TEMPLATE] = template;
	}
	server = await startServer(env, { fromDemoTemplate: true });
	project.provide('baseURL', server.url);
}

export async function teardown() {
	await server?.stop();
	await dropDatabase?.();
	if (template) rmSync(template, { recursive: true, force: true });
}
