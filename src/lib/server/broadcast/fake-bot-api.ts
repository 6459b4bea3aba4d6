// Test helper: a Telegram Bot API server on loopback answering sendMessage and editMessageText
// the way Telegram does (HTML parse mode checked, 4096 characters, "message is not modified",
// "message to edit not found"), recording every call; scripted answers (429, 500) and held
// requests simulate flood control, failures and a crash in the middle of a call.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type BotCall = { method: string; chatId: string; messageId: number | null; text: string; at: Date; answered: number };
export type Scripted = { status: number; description: string; retryAfter?: number };

const allowedTags = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'span']);

/** Telegram's HTML rules: known tags, balanced, every other <, > and & escaped. Returns the visible text or an error. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
	const stack: string[] = [];
	const text = html.replace(/<(\/?)([a-z-]+)((?:\s[^<>]*)?)>/g, (_m, closing: string, tag: string) => {
		if (!allowedTags.has(tag)) throw new Error(`Unsupported start tag "${tag}"`);
		if (closing) {
			if (stack.pop() !== tag) throw new Error(`Unmatched end tag "${tag}"`);
		} else stack.push(tag);
		return '';
	});
	if (stack.length) return { error: `Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
	if (/[<>]/.test(text)) return { error: 'Unsupported start tag' };
	if (/&(?!(lt|gt|amp|quot|#\d+);)/.test(text)) return { error: 'Character entity expected' };
	return { text: text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&') };
}

export async function startFakeBotApi(options: { now?: () => Date } = {}) {
	const now = options.now ?? (() => new Date());
	const calls: BotCall[] = [];
	/** Messages as the channel shows them, by chat and id. */
	const messages = new Map<string, { chatId: string; messageId: number; text: string; html: string }>();
	const scripts: { method: string; answer: Scripted }[] = [];
	const holds: { method: string; index: number; arrived: (call: BotCall) => void }[] = [];
	const held: ServerResponse[] = [];
	let nextId = 100;

	type Reply = { status: number; body: unknown };
	const refusal = (status: number, description: string, retryAfter?: number): Reply => ({
		status,
		body: { ok: false, error_code: status, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) }
	});

	/** What Telegram would do with the call (the message is posted or edited here). */
	function perform(call: BotCall, body: Record<string, unknown>): Reply {
		const scripted = scripts.findIndex((s) => s.method === call.method);
		if (scripted >= 0) {
			const [s] = scripts.splice(scripted, 1);
			return refusal(s!.answer.status, s!.answer.description, s!.answer.retryAfter);
		}
		if (call.method !== 'sendMessage' && call.method !== 'editMessageText') return refusal(404, 'Not Found: method not found');
		if (body.parse_mode !== 'HTML') return refusal(400, 'Bad Request: this fake expects parse_mode HTML');
		let parsed: ReturnType<typeof parseTelegramHtml>;
		try {
			parsed = parseTelegramHtml(call.text);
		} catch (error) {
			parsed = { error: (error as Error).message };
		}
		if ('error' in parsed) return refusal(400, `Bad Request: can't parse entities: ${parsed.error}`);
		if (parsed.text.trim().length === 0) return refusal(400, 'Bad Request: message text is empty');
		if (parsed.text.length > 4096) return refusal(400, 'Bad Request: message is too long');
		const date = Math.floor(now().getTime() / 1000);
		const chat = { id: -1001234567890, type: 'channel', title: 'Agenda' };
		if (call.method === 'sendMessage') {
			const messageId = nextId++;
			messages.set(`${call.chatId}/${messageId}`, { chatId: call.chatId, messageId, text: parsed.text, html: call.text });
			return { status: 200, body: { ok: true, result: { message_id: messageId, date, chat, text: parsed.text } } };
		}
		const key = `${call.chatId}/${call.messageId}`;
		const existing = messages.get(key);
		if (!existing) return refusal(400, 'Bad Request: message to edit not found');
		if (existing.html === call.text) {
			return refusal(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
		}
		messages.set(key, { ...existing, text: parsed.text, html: call.text });
		return { status: 200, body: { ok: true, result: { message_id: existing.messageId, date, edit_date: date, chat, text: parsed.text } } };
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const reply = (r: Reply) => {
			res.writeHead(r.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(r.body));
		};
		if (!m) return reply(refusal(404, 'Not Found'));
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
		const call: BotCall = { method: m[2]!, chatId: String(body.chat_id ?? ''), messageId: typeof body.message_id === 'number' ? body.message_id : null, text: String(body.text ?? ''), at: now(), answered: 0 };
		calls.push(call);
		const result = perform(call, body);
		call.answered = result.status;
		const index = calls.filter((c) => c.method === call.method).length - 1;
		const hold = holds.findIndex((h) => h.method === call.method && h.index <= index);
		if (hold >= 0) {
			// Telegram did the work, but its answer never comes back (the caller dies meanwhile).
			const [h] = holds.splice(hold, 1);
			held.push(res);
			h!.arrived(call);
			return;
		}
		reply(result);
	}

	const server = createServer((req, res) => {
		handle(req, res).catch(() => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end('{"ok":false,"error_code":500,"description":"Internal Server Error"}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };

	return {
		apiRoot: `http://127.0.0.1:${port}`,
		calls,
		messages,
		/** Calls Telegram accepted, of one method. */
		accepted: (method: string) => calls.filter((c) => c.method === method && c.answered === 200),
		/** The next call of `method` gets this error instead. */
		script(method: string, answer: Scripted) {
			scripts.push({ method, answer });
		},
		/**
		 * The call of `method` numbered `index` (from 0, counting every call of that method so far,
		 * default: the next one) is performed but never answered; resolves when it arrives.
		 */
		holdCall(method: string, index = calls.filter((c) => c.method === method).length): Promise<BotCall> {
			return new Promise((resolve) => holds.push({ method, index, arrived: resolve }));
		},
		async close() {
			for (const res of held) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;
