import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/**
 * Who is asking: the address the per-client limits of the public endpoints are keyed on.
 *
 * `X-Forwarded-For` is anybody's to write, so it is read only when the socket peer is one of our own
 * proxies (TRUSTED_PROXIES). proxy-addr (the code Express uses) walks the header from the right —
 * nginx's `$proxy_add_x_forwarded_for` appends the address it saw — and stops at the first hop that
 * is not trusted: whatever a client wrote to the left of that is never used.
 */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** Names proxy-addr knows besides addresses and CIDRs. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * The trusted proxies from `TRUSTED_PROXIES` (comma-separated addresses, CIDRs and proxy-addr's
 * names `loopback`, `linklocal`, `uniquelocal`); an empty list trusts nobody. Returns the entries that
 * are none of these instead of throwing, so that the configuration can name them all.
 */
export function parseTrustedProxies(value: string): { entries: string[]; invalid: string[] } {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const invalid = entries.filter((entry) => {
    if (NAMED_RANGES.has(entry)) return false;
    try {
      proxyaddr.compile(entry);
      return false;
    } catch {
      return true;
    }
  });
  return { entries, invalid };
}

export function compileTrustedProxies(entries: readonly string[]): TrustedProxies {
  return proxyaddr.compile([...entries]);
}

/**
 * The client's address as a limit key. IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack socket
 * reports) becomes plain IPv4, so the same client is one key whether seen on the socket or in the
 * header. An IPv6 client is keyed by its /64: a provider hands a household or a phone a whole /64,
 * and a limit per single IPv6 address would be dodged by picking another address in it.
 */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return `other:${address.slice(0, 100)}`;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).concat([0, 0, 0, 0]);
  return `${new ipaddr.IPv6(parts).toString()}/64`;
}

/** The address of the client behind our own proxies (the socket's when the peer is not trusted). */
export function clientAddress(req: IncomingMessage, trusted: TrustedProxies): string {
  if (!req.socket.remoteAddress) return 'unknown';
  return proxyaddr(req, trusted);
}
