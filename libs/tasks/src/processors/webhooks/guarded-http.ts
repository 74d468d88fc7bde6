import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { OutboundAddressPolicy } from '../../webhooks/outbound-address';

/** The request went nowhere because of the address policy (not a network failure). */
export class BlockedAddressError extends Error {}

export interface GuardedPostOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  policy: OutboundAddressPolicy;
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface GuardedPostResult {
  statusCode: number;
  durationMs: number;
}

/**
 * Resolves like dns.lookup but refuses the connection when any resolved address is outside the
 * policy. The check happens on the addresses the socket then connects to, so a name that
 * resolves to a private address (or changes its answer between two lookups) is refused too.
 */
function guardedLookup(policy: OutboundAddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !policy.permits(a.address));
      if (refused || addresses.length === 0) {
        return callback(
          new BlockedAddressError(
            `${hostname} resolves to ${refused?.address ?? 'nothing'}, which is not allowed`,
          ),
          '',
          0,
        );
      }
      if ((options as { all?: boolean }).all) {
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      }
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * POSTs `body` to `url` once: no redirects followed (a 3xx is an answer like any other), the
 * whole exchange bounded by `timeoutMs`, and at most `maxResponseBytes` of the answer read.
 * Resolves with the status code; rejects when no acceptable answer came.
 */
export function guardedPost(options: GuardedPostOptions): Promise<GuardedPostResult> {
  const started = Date.now();
  const url = new URL(options.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // IP literals never reach the lookup function, so they are checked here.
  if (ipaddr.isValid(host) && !options.policy.permits(host)) {
    return Promise.reject(new BlockedAddressError(`${host} is not an allowed address`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: Error) => settle(() => reject(error));
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        lookup: guardedLookup(options.policy),
        agent: false,
      },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > options.maxResponseBytes) {
            fail(new Error(`the response is larger than ${options.maxResponseBytes} bytes`));
            request.destroy();
          }
        });
        response.on('end', () =>
          settle(() => resolve({ statusCode: response.statusCode ?? 0, durationMs: Date.now() - started })),
        );
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => {
      fail(new Error(`no complete answer within ${options.timeoutMs} ms`));
      request.destroy();
    }, options.timeoutMs);
    request.on('error', fail);
    request.end(options.body);
  });
}
