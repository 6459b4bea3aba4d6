// `npm run cli -- <command> [options]`: administration commands that run against the same
// database as the app (stop the app first when it uses the embedded database).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { locales } from '$lib/i18n/locales';
import { runtime, startRuntime, stopRuntime } from '$server/app/runtime';
import { StartupError } from '$server/config/config';
import { createAuth } from '$server/identity/auth.usecases';
import { rotateCaseKeyCommand, rotateUsage } from './rotate-case-key';

const usage = `Usage:
  npm run cli -- create-admin --email EMAIL --name "NAME" [--locale fr] [--role platform_admin|directory_editor]
      Creates (or promotes) an account with a platform role and prints a link, valid 48 hours,
      to choose its password. The link is also e-mailed (or kept in the outbox without SMTP_URL).
${rotateUsage}`;

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
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
	await startRuntime({ LOG_LEVEL: 'warn', ...process.env });
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
