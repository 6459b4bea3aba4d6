import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from '../identity/sessions';
import { servedOverHttps } from './security-headers';

/** HttpOnly, SameSite=Lax, Secure behind HTTPS; a browser-session cookie (the server enforces 12 h). */
export function setSessionCookie(event: RequestEvent, token: string): void {
	event.cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: servedOverHttps(event.url) });
}

export function clearSessionCookie(event: RequestEvent): void {
	event.cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: servedOverHttps(event.url) });
}
