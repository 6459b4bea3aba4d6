import { Api, GrammyError, HttpError } from 'grammy';

/** The Bot API methods the channel uses, through grammY's client (no polling, no webhook). */
export type ChannelApi = {
	send(chatId: string, html: string): Promise<number>;
	edit(chatId: string, messageId: number, html: string): Promise<void>;
};

export function createChannelApi({ token, apiRoot, timeoutSeconds = 30 }: { token: string; apiRoot: string; timeoutSeconds?: number }): ChannelApi {
	const api = new Api(token, { apiRoot: apiRoot.replace(/\/+$/, ''), timeoutSeconds });
	const options = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };
	return {
		async send(chatId, html) {
			const message = await api.sendMessage(chatId, html, options);
			return message.message_id;
		},
		async edit(chatId, messageId, html) {
			await api.editMessageText(chatId, messageId, html, options);
		}
	};
}

/**
 * What a failed call means for the queue:
 * - wait: Telegram's flood control (429) asked to wait `retryAfterMs`; not a failure;
 * - done: the message already shows this text ("message is not modified");
 * - gone: the message to edit was deleted from the channel;
 * - permanent: the request itself is wrong (400); retrying cannot help;
 * - transient: Telegram or the network failed; retry later. `maybeDelivered` when the request
 *   may have reached Telegram (timeout, connection cut after sending): a first post is then not
 *   sent again (at most once).
 * `code` names the error for logs and the row: never a text of the message.
 */
export type CallFailure =
	| { kind: 'wait'; code: string; retryAfterMs: number }
	| { kind: 'done'; code: string }
	| { kind: 'gone'; code: string }
	| { kind: 'permanent'; code: string }
	| { kind: 'transient'; code: string; maybeDelivered: boolean };

/** Failures where the request never left this machine or never reached a server. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT']);

export function classifyFailure(error: unknown): CallFailure {
	if (error instanceof GrammyError) {
		const status = error.error_code;
		const code = `telegram_${status}`;
		const description = error.description ?? '';
		if (status === 429) return { kind: 'wait', code, retryAfterMs: Math.max(1, error.parameters.retry_after ?? 5) * 1000 };
		if (status === 400 && /message is not modified/i.test(description)) return { kind: 'done', code: 'not_modified' };
		if (status === 400 && /message to edit not found|message_id_invalid|message can't be edited/i.test(description)) return { kind: 'gone', code: 'message_not_found' };
		if (status === 400) return { kind: 'permanent', code };
		// 401 (token), 403 (bot not admin of the channel), 404, 5xx: an operator or time can fix it.
		// The Bot API answered with an error, not a message: nothing was posted.
		return { kind: 'transient', code, maybeDelivered: false };
	}
	if (error instanceof HttpError) {
		const cause = error.error as { code?: unknown; errno?: unknown; message?: unknown } | undefined;
		const sys = typeof cause?.code === 'string' ? cause.code : undefined;
		if (sys && notSentCodes.has(sys)) return { kind: 'transient', code: `network_${sys}`, maybeDelivered: false };
		const timedOut = typeof cause?.message === 'string' && /timed out/i.test(cause.message);
		return { kind: 'transient', code: timedOut ? 'network_timeout' : `network_${sys ?? 'error'}`, maybeDelivered: true };
	}
	return { kind: 'transient', code: 'internal', maybeDelivered: true };
}
