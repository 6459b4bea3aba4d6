import pino from 'pino';

/**
 * JSON logs on stdout. Rules: log route ids, statuses, durations and error classes;
 * never request bodies, query strings, IP addresses, names, e-mails, passwords, tokens or codes.
 * The redaction list is a second line of defence, not a licence to log objects blindly.
 */
export const logger = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { app: 'passerelle' },
	redact: {
		paths: [
			'password',
			'*.password',
			'token',
			'*.token',
			'otp',
			'*.otp',
			'email',
			'*.email',
			'cookie',
			'*.cookie',
			'authorization',
			'*.authorization',
			'headers',
			'*.headers'
		],
		censor: '[redacted]'
	},
	timestamp: pino.stdTimeFunctions.isoTime
});

/**
 * An error's message can carry values (a failed SQL query lists its parameters).
 * Keep the class, the database error code and the stack frames, and drop what follows "params:".
 */
export function describeError(error: unknown): { name: string; code?: string; message: string; stack?: string } {
	if (!(error instanceof Error)) return { name: typeof error, message: 'non-error thrown' };
	const scrub = (s: string) => s.replace(/params:[\s\S]*/i, 'params: [redacted]');
	const cause = (error as { cause?: { code?: unknown } }).cause;
	const code = (error as { code?: unknown }).code ?? cause?.code;
	return {
		name: error.name,
		code: typeof code === 'string' ? code : undefined,
		message: scrub(error.message).slice(0, 300),
		stack: error.stack
			?.split('\n')
			.filter((line) => line.trimStart().startsWith('at '))
			.slice(0, 12)
			.join('\n')
	};
}
