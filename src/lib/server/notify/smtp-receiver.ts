// Test helper: a real SMTP server on loopback that keeps what it receives, parsed by mailparser.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = { to: string; subject: string; text: string; language: string | undefined; raw: ParsedMail };

export async function startSmtpReceiver(): Promise<{ url: string; messages: Received[]; close(): Promise<void>; waitFor(n: number): Promise<Received[]> }> {
	const messages: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
					messages.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', language: mail.headers.get('content-language') as string | undefined, raw: mail });
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as { port: number };
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		async waitFor(n: number) {
			const deadline = Date.now() + 10_000;
			while (messages.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			return messages;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
