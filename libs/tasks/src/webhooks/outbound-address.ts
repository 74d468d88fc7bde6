import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Which addresses webhooks may reach: public unicast ones, plus whatever the configured CIDRs
 * allow. Private, loopback, link-local, unique-local, CGNAT, multicast and reserved ranges are
 * refused so a webhook cannot be aimed at the service's own network (SSRF).
 */
export class OutboundAddressPolicy {
  private readonly allowed: Range[];

  constructor(allowedCidrs: readonly string[]) {
    this.allowed = allowedCidrs.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /** Whether `address` (an IP literal) may be contacted. */
  permits(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    let ip = ipaddr.parse(address);
    // ::ffff:127.0.0.1 is 127.0.0.1.
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
      ip = (ip as ipaddr.IPv6).toIPv4Address();
    }
    if (this.allowed.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) {
      return true;
    }
    return ip.range() === 'unicast';
  }
}

/** Why a webhook URL cannot be used at all, or null when it can (addresses are checked on send). */
export function webhookUrlProblem(url: string, policy: OutboundAddressPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return 'must be an absolute http:// or https:// URL';
  }
  if (parsed.username || parsed.password) return 'must not contain a user name or password';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !policy.permits(host)) {
    return 'must not point at a private, loopback or link-local address';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    if (!policy.permits('127.0.0.1')) return 'must not point at a private, loopback or link-local address';
  }
  return null;
}
