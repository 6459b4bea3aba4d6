// `npm run cli -- <command> [options]`: administration commands that run against the same
// database as the app (stop the app first when it uses the embedded database).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { locales } from '$lib/i18n/locales';
import { runtime, startRuntime, stopRuntime } from '$server/app/runtime';
import { StartupError } from '$server/config/config';
import { createAuth } from '$server/identity/auth.usecases';
import { listUncertainPosts, resolveUncertainPost } from '$server/broadcast/broadcast.usecases';
import { retentionCommand, retentionUsage } from './retention';
import { rotateCaseKeyCommand, rotateUsage } from './rotate-case-key';

const usage = `Usage:
  npm run cli -- create-admin --email EMAIL --name "NAME" [--locale fr] [--role platform_admin|directory_editor]
      Creates (or promotes) an account with a platform role and prints a link, valid 48 hours,
      to choose its password. The link is also e-mailed (or kept in the outbox without SMTP_URL).
  npm run cli -- broadcast-uncertain
      Lists the channel posts interrupted during their call to Telegram (never re-sent on their own).
  npm run cli -- broadcast-resolve --event ID|--week 2026-W11 (--message-id N | --not-posted)
      After looking at the channel: the message is there (N ends its link, t.me/<channel>/N) and
      later changes edit it; or it is not, and it is posted again.
${retentionUsage}
${rotateUsage}`;

async function broadcastCommand(command: string, rest: string[]): Promise<number> {
	const { values } = parseArgs({
		args: rest,
		options: { event: { type: 'string' }, week: { type: 'string' }, 'message-id': { type: 'string' }, 'not-posted': { type: 'boolean', default: false } }
	});
	const resolve = command === 'broadcast-resolve';
	const messageId = values['message-id'] === undefined ? null : Number(values['message-id']);
	if (resolve && (Boolean(values.event) === Boolean(values.week) || (messageId === null) === !values['not-posted'] || (messageId !== null && !(Number.isInteger(messageId) && messageId > 0)))) {
		console.error(`passerelle: give --event or --week, and --message-id N or --not-posted\n\n${usage}`);
		return 2;
	}
	await startRuntime({ LOG_LEVEL: 'warn', ...process.env }, { background: false });
	try {
		const db = runtime().database.db;
		if (!resolve) {
			const posts = await listUncertainPosts(db);
			for (const p of posts) console.log(`${p.kind}\t${p.subject}\t${p.chatId}\t${p.at.toISOString()}`);
			if (posts.length === 0) console.log('No uncertain post.');
			return 0;
		}
		const subject = values.event ? { kind: 'event' as const, subject: values.event } : { kind: 'digest' as const, subject: values.week! };
		if (!(await resolveUncertainPost(db, { ...subject, messageId }))) {
			console.error(`passerelle: no uncertain post for ${subject.kind} ${subject.subject}`);
			return 1;
		}
		console.log(messageId === null ? 'Queued to be posted again.' : `Recorded message ${messageId}; it will be brought up to date.`);
		return 0;
	} finally {
		await stopRuntime();
	}
}

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === 'broadcast-uncertain' || command === 'broadcast-resolve') return broadcastCommand(command, rest);
	if (command === 'retention') return retentionCommand(rest);
	if (command === 'rotate-case-key') return rotateCaseKeyCommand(rest, usage);
	if (command !== 'create-admin') {
		console.error(usage);
		return command ? 2 : 0;
	}
	const { values } = parseArgs({
		args: rest,
		options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string', default: 'fr' }, role: { type: 'string', default: 'platform_admin' } }
	});
	const parsed = z
		.object({
			email: z.string().trim().toLowerCase().pipe(z.email('--email must be an e-mail address')),
			name: z.string().trim().min(1, '--name is required'),
			locale: z.enum(locales, `--locale must be one of ${locales.join(', ')}`),
			role: z.enum(['platform_admin', 'directory_editor'], '--role must be platform_admin or directory_editor')
		})
		.safeParse({ ...values, name: values.name ?? values.email });
	if (!parsed.success) {
		console.error(`passerelle: ${parsed.error.issues[0]!.message}\n\n${usage}`);
		return 2;
	}
	await startRuntime({ LOG_LEVEL: 'warn', ...process.env }, { background: false });
	try {
		const { database, keys, mailer, config } = runtime();
		const origin = config.origin ?? `http://localhost:${config.port}`;
		const result = await createAuth({ db: database.db, keys, mailer }).createPlatformAdmin(
			{ email: parsed.data.email, name: parsed.data.name, locale: parsed.data.locale, roles: [parsed.data.role] },
			{ ipHash: 'cli', origin }
		);
		console.log(`${result.created ? 'Created' : 'Updated'} ${parsed.data.role} ${result.user.email}.`);
		console.log(`Choose the password within 48 hours: ${result.link}`);
		return 0;
	} finally {
		await stopRuntime();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error) => {
		console.error(`passerelle: ${error instanceof StartupError ? error.message : (error as Error).message}`);
		process.exit(1);
	}
);
