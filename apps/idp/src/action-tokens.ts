import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { messagePage, passwordSetPage, setPasswordPage } from './pages.js';

/**
 * One-time links to set a password (issue 16: a partner's administrator gets one in the approval
 * letter). Keycloak's `execute-actions-email` sends its own letter through the realm's SMTP; the
 * embedded provider has no SMTP, so its admin endpoint of the same path answers with the link
 * instead, and the API puts it into our letter. The provisioner's code stays one path: the same
 * call on both, a link in the answer only from the embedded provider.
 *
 * Tokens live in memory (development and tests only: a restart voids the links, the officer can
 * hand over the temporary password instead); only their SHA-256 is kept.
 */
export interface ActionToken {
  userId: string;
  actions: string[];
  redirectUri: string | null;
  expiresAt: number;
  usedAt: number | null;
}

export const ACTION_TOKEN_PATH = '/login-actions/action-token';
/** Keycloak's default lifespan of admin-issued action tokens: 12 hours. */
export const DEFAULT_ACTION_LIFESPAN_SECONDS = 12 * 3600;
const MAX_LIFESPAN_SECONDS = 30 * 24 * 3600;

export const PASSWORD_RULES_RU = 'Пароль: от 8 до 128 символов, хотя бы одна буква и одна цифра.';

/** The password the form accepts; the Russian message when it is not. */
export function passwordProblem(password: string, confirm: string): string | null {
  if (password.length < 8 || password.length > 128 || !/\p{L}/u.test(password) || !/\d/.test(password)) return PASSWORD_RULES_RU;
  if (password !== confirm) return 'Пароли не совпадают.';
  return null;
}

const digest = (key: string) => createHash('sha256').update(key).digest('hex');

export class ActionTokens {
  private readonly tokens = new Map<string, ActionToken>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new token; the key is returned once and only its hash is kept. */
  issue(userId: string, actions: string[], lifespanSeconds: number, redirectUri: string | null): { key: string; expiresAt: Date } {
    this.prune();
    const lifespan = Math.min(Math.max(1, Math.floor(lifespanSeconds || DEFAULT_ACTION_LIFESPAN_SECONDS)), MAX_LIFESPAN_SECONDS);
    const key = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + lifespan * 1000;
    this.tokens.set(digest(key), { userId, actions, redirectUri, expiresAt, usedAt: null });
    return { key, expiresAt: new Date(expiresAt) };
  }

  /** The token of a key with why it cannot be used, if it cannot. */
  lookup(key: string): { token: ActionToken | null; problem: 'unknown' | 'used' | 'expired' | null } {
    const token = key ? (this.tokens.get(digest(key)) ?? null) : null;
    if (!token) return { token: null, problem: 'unknown' };
    if (token.usedAt !== null) return { token, problem: 'used' };
    if (token.expiresAt <= this.now()) return { token, problem: 'expired' };
    return { token, problem: null };
  }

  /** Used tokens are kept until they expire, so a second click says «уже использована». */
  private prune() {
    const now = this.now();
    for (const [hash, token] of this.tokens) if (token.expiresAt <= now) this.tokens.delete(hash);
  }
}

const PROBLEM_RU: Record<'unknown' | 'used' | 'expired', [string, string]> = {
  unknown: ['Ссылка недействительна', 'Ссылка для установки пароля не найдена. Проверьте, что она скопирована из письма целиком.'],
  used: ['Ссылка уже использована', 'Пароль по этой ссылке уже установлен. Войдите с ним или обратитесь в муниципалитет за новой ссылкой.'],
  expired: ['Срок действия ссылки истёк', 'Ссылка для установки пароля больше не действует. Обратитесь в муниципалитет за новой ссылкой.'],
};

function html(res: ServerResponse, status: number, body: string) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // The key is in the URL: keep it out of other sites' Referer headers.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * `GET|POST /realms/<realm>/login-actions/action-token?key=…`: the Russian form, then the new
 * password; the token is consumed only by a password that was accepted.
 */
export async function handleActionToken(
  req: IncomingMessage,
  res: ServerResponse,
  options: { tokens: ActionTokens; action: string; key: string; setPassword(userId: string, password: string): boolean },
): Promise<void> {
  const { token, problem } = options.tokens.lookup(options.key);
  if (problem || !token) return html(res, 400, messagePage(...PROBLEM_RU[problem ?? 'unknown']));
  if (req.method !== 'POST') return html(res, 200, setPasswordPage({ action: options.action }));
  const form = await readForm(req);
  const password = form.get('password-new') ?? '';
  const error = passwordProblem(password, form.get('password-confirm') ?? '');
  if (error) return html(res, 400, setPasswordPage({ action: options.action, error }));
  if (!options.setPassword(token.userId, password)) return html(res, 400, messagePage(...PROBLEM_RU.unknown));
  token.usedAt = Date.now();
  return html(res, 200, passwordSetPage(token.redirectUri));
}
