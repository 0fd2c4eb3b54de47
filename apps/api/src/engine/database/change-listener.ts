import pg from 'pg';
import type { Logger } from '../logging.js';

export interface ChangeListenerOptions {
  /** A direct connection: LISTEN needs a session, which PgBouncer in transaction mode does not keep. */
  connectionString: string;
  channel: string;
  logger: Logger;
  /** A notification arrived on the channel. */
  onNotify(payload: string | undefined): void;
  /**
   * Listening started (true) or the connection was lost (false). Either way notifications may have
   * been missed: whatever was learned from the database before is to be forgotten.
   */
  onListening(listening: boolean): void;
  /** How often an idle connection is checked (a half-open TCP connection sends no error). */
  heartbeatMs?: number;
  /** First delay before reconnecting; doubles up to 5 s. */
  retryMs?: number;
}

export interface ChangeListener {
  readonly listening: boolean;
  /** The backend's process id of the listening session (tests end it to see the reconnect). */
  readonly backendPid: number | null;
  stop(): Promise<void>;
}

const MAX_RETRY_MS = 5000;

/**
 * LISTEN on a dedicated connection, kept open: reconnects after any loss (with a growing delay)
 * and reports each loss and each new start, so a cache fed by it never outlives a gap in which
 * notifications could have been missed. The first connection is awaited; if it fails the API still
 * starts (uncached) and keeps trying.
 */
export async function startChangeListener(options: ChangeListenerOptions): Promise<ChangeListener> {
  const { channel, logger } = options;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const retryMs = options.retryMs ?? 200;
  let client: pg.Client | null = null;
  let listening = false;
  let backendPid: number | null = null;
  let stopped = false;
  let delay = retryMs;
  let retryTimer: NodeJS.Timeout | undefined;

  const lost = (from: pg.Client, error?: unknown) => {
    if (client !== from) return;
    client = null;
    backendPid = null;
    from.removeAllListeners('notification');
    from.end().catch(() => undefined);
    if (listening) {
      listening = false;
      options.onListening(false);
    }
    if (stopped) return;
    logger.warn({ err: error, channel }, 'change listener lost its connection; reconnecting');
    retryTimer = setTimeout(() => void connect(), delay);
    retryTimer.unref();
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  };

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: options.connectionString, keepAlive: true, application_name: 'nastavnik-api-listener' });
    client = next;
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next));
    next.on('notification', (message) => {
      if (message.channel === channel) options.onNotify(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen "${channel}"`);
      const pid = await next.query<{ pid: number }>('select pg_backend_pid() as pid');
      if (client !== next || stopped) return;
      backendPid = pid.rows[0]!.pid;
      delay = retryMs;
      listening = true;
      options.onListening(true);
    } catch (error) {
      lost(next, error);
    }
  };

  const heartbeat = setInterval(() => {
    const current = client;
    if (!current || !listening) return;
    let answered = false;
    const timeout = setTimeout(() => {
      if (!answered) lost(current, new Error('heartbeat timed out'));
    }, heartbeatMs);
    timeout.unref();
    current.query('select 1').then(
      () => {
        answered = true;
        clearTimeout(timeout);
      },
      (error: unknown) => {
        answered = true;
        clearTimeout(timeout);
        lost(current, error);
      },
    );
  }, heartbeatMs);
  heartbeat.unref();

  await connect();
  return {
    get listening() {
      return listening;
    },
    get backendPid() {
      return backendPid;
    },
    async stop() {
      stopped = true;
      clearInterval(heartbeat);
      clearTimeout(retryTimer);
      const current = client;
      client = null;
      if (listening) {
        listening = false;
        options.onListening(false);
      }
      await current?.end().catch(() => undefined);
    },
  };
}
