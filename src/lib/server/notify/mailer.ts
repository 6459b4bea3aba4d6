import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/client';
import { logger } from '../log/logger';
import { outbox } from './notify.table';

export type Mail = {
	to: string;
	locale: string;
	/** What the message is for ("invitation", "password-reset"…), for the outbox and logs. */
	kind: string;
	subject: string;
	text: string;
};

export type MailResult = { id: string; delivered: boolean };

/**
 * Writes every message to the outbox, then sends it through SMTP_URL when there is one. A sent
 * message keeps its subject but loses its body (links in it are secrets). Without SMTP the body
 * stays for a platform admin to read in the app; the log line names the kind, never the address
 * or the link.
 */
export function createMailer({ db, smtpUrl, from }: { db: Database; smtpUrl?: string; from: string }) {
	const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;

	async function send(mail: Mail): Promise<MailResult> {
		const [row] = await db
			.insert(outbox)
			.values({ recipient: mail.to, locale: mail.locale, kind: mail.kind, subject: mail.subject, bodyText: mail.text })
			.returning({ id: outbox.id });
		const id = row!.id;
		if (!transport) {
			logger.info({ kind: mail.kind, outboxId: id }, 'mail kept in the outbox (no SMTP_URL)');
			return { id, delivered: false };
		}
		try {
			await transport.sendMail({
				from,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				headers: { 'Content-Language': mail.locale, 'Auto-Submitted': 'auto-generated' }
			});
			await db.update(outbox).set({ sentAt: new Date(), bodyText: '' }).where(eq(outbox.id, id));
			logger.info({ kind: mail.kind, outboxId: id }, 'mail sent');
			return { id, delivered: true };
		} catch (error) {
			const reason = (error as { code?: string }).code ?? 'send failed';
			await db.update(outbox).set({ error: reason }).where(eq(outbox.id, id));
			logger.warn({ kind: mail.kind, outboxId: id, reason }, 'mail not sent; kept in the outbox');
			return { id, delivered: false };
		}
	}

	return { send, close: () => transport?.close() };
}

export type Mailer = ReturnType<typeof createMailer>;
