import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { clientAddress, clientKey, compileTrustedProxies, parseTrustedProxies } from './client-address.js';

/** What proxy-addr reads of a request: the socket peer and the header (a value, not a stand-in for a collaborator). */
const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('client address behind proxies', () => {
  it('ignores X-Forwarded-For unless the peer is trusted', () => {
    const nobody = compileTrustedProxies([]);
    expect(clientAddress(request('198.51.100.20', '203.0.113.7'), nobody)).toBe('198.51.100.20');
    const loopback = compileTrustedProxies(['loopback']);
    expect(clientAddress(request('198.51.100.20', '203.0.113.7'), loopback)).toBe('198.51.100.20');
    expect(clientAddress(request('127.0.0.1', '203.0.113.7'), loopback)).toBe('203.0.113.7');
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.7'), loopback)).toBe('203.0.113.7');
    // No header from a trusted proxy: the proxy itself is the client.
    expect(clientAddress(request('127.0.0.1'), loopback)).toBe('127.0.0.1');
  });

  it('takes the hop our proxy appended, not what the client wrote to its left', () => {
    const nginx = compileTrustedProxies(['10.0.0.5']);
    // nginx ($proxy_add_x_forwarded_for) appends the address it saw to the client's own header.
    expect(clientAddress(request('10.0.0.5', '1.1.1.1, 2.2.2.2, 203.0.113.7'), nginx)).toBe('203.0.113.7');
    // Two proxies of ours (a load balancer in 172.18.0.0/16 in front of nginx): both are skipped.
    const chain = compileTrustedProxies(['10.0.0.5', '172.18.0.0/16']);
    expect(clientAddress(request('10.0.0.5', '1.1.1.1, 203.0.113.7, 172.18.0.3'), chain)).toBe('203.0.113.7');
  });

  it('keys IPv4 as itself, IPv4-mapped IPv6 as IPv4 and IPv6 by its /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:3::1')).not.toBe(clientKey('2001:db8:1:2::1'));
    expect(clientKey('not an address')).toBe('other:not an address');
  });

  it('TRUSTED_PROXIES: addresses, CIDRs and names; anything else is named in Russian', () => {
    expect(parseTrustedProxies(' 10.0.0.5, 172.18.0.0/16 ,loopback,, fd00::/8 ')).toEqual({
      entries: ['10.0.0.5', '172.18.0.0/16', 'loopback', 'fd00::/8'],
      invalid: [],
    });
    expect(loadConfig({}).publicEndpoints).toEqual({ trustedProxies: [], partnerApplyPerHour: 10, surveySubmitPerHour: 300 });
    expect(loadConfig({ TRUSTED_PROXIES: 'loopback, 10.0.0.0/8' }).publicEndpoints.trustedProxies).toEqual(['loopback', '10.0.0.0/8']);
    let error: unknown;
    try {
      loadConfig({ TRUSTED_PROXIES: 'nginx, 10.0.0.0/8, 10.0.0.300', PARTNER_APPLY_LIMIT_PER_HOUR: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.find((issue) => issue.startsWith('TRUSTED_PROXIES:'))).toContain('не распознано: «nginx», «10.0.0.300»');
    expect(issues.find((issue) => issue.startsWith('PARTNER_APPLY_LIMIT_PER_HOUR:'))).toContain('не меньше 1');
  });
});
