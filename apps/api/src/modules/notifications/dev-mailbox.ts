/**
 * «Почта (разработка)»: the embedded mail catcher's letters, read over its HTTP view, so that a new
 * user of `npm start` sees the letters the demo produces. Only where the stack runs the catcher
 * (it sets MAIL_CATCHER_URL; a real installation with SMTP_URL has none) and only for the platform admin.
 */
export class DevMailbox {
  constructor(private readonly catcherUrl: string | undefined) {}

  async letters(): Promise<Array<{ id: string; receivedAt: Date; to: string[]; subject: string; text: string }> | null> {
    if (!this.catcherUrl) return null;
    const response = await fetch(`${this.catcherUrl}/letters`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return null;
    const letters = (await response.json()) as Array<{ id: string; receivedAt: string; envelopeTo: string[]; subject: string; text: string }>;
    return letters.slice(0, 200).map((letter) => ({
      id: letter.id,
      receivedAt: new Date(letter.receivedAt),
      to: letter.envelopeTo,
      subject: letter.subject,
      text: letter.text,
    }));
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    devMailbox: DevMailbox;
  }
}
