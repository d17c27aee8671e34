import ipaddr from 'ipaddr.js';

/**
 * Whether a webhook may reach `host` from the cloud (WH-URL). A name is public until it resolves (the
 * sender checks each address it resolves to); an address literal only if it is ordinary unicast, so a
 * partner's URL can never point at the instance metadata service (169.254.169.254), the VPC, a
 * loopback or a carrier-grade NAT range.
 */
export function isPublicHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return bare.toLowerCase() !== 'localhost';
  return ipaddr.process(bare).range() === 'unicast';
}
