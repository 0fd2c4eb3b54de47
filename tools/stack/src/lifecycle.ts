/**
 * How a process started by tools/stack ends: on SIGTERM/SIGINT (Ctrl+C, the supervisor stopping
 * it) and when its supervisor is gone — the IPC channel of `fork` closes when the parent dies, even
 * by SIGKILL, so no child outlives a killed `npm start`.
 */
export function exitWhenParentGoes(close: () => Promise<unknown>): void {
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  if (process.connected) process.on('disconnect', shutdown);
}
