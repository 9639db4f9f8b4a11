import { randomInt } from 'node:crypto';
import { newInternalError } from '@kubekit/apimachinery';
import { isIPv4 } from 'node:net';

function parseIPv4(address: string): number {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    throw new Error(`not an IPv4 address: ${address}`);
  }
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** The Service REST storage's answer when no address is left: 500 `failed to allocate a serviceIP: range is full`. */
export const rangeFull = () => newInternalError('failed to allocate a serviceIP: range is full');

function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/**
 * Hands out Service cluster IPs from a CIDR (the real server's service IP allocator): random
 * addresses, never the network or broadcast address, never one already in use.
 */
export class ClusterIPAllocator {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Set<number>();

  constructor(cidr: string) {
    const [address, bits] = cidr.split('/');
    const prefix = Number(bits);
    if (!address || !Number.isInteger(prefix) || prefix < 8 || prefix > 30) throw new Error(`unsupported service CIDR: ${cidr}`);
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    this.base = (parseIPv4(address) & mask) >>> 0;
    this.size = 2 ** (32 - prefix);
  }

  /** The first usable address: the `kubernetes` Service's. */
  first(): string {
    return formatIPv4(this.base + 1);
  }

  /** Whether `address` is one this range hands out (not its network, broadcast or another family's address). */
  contains(address: string): boolean {
    const value = isIPv4(address) ? parseIPv4(address) : NaN;
    return value > this.base && value < this.base + this.size - 1;
  }

  reserve(address: string): void {
    this.used.add(parseIPv4(address));
  }

  release(address: string): void {
    this.used.delete(parseIPv4(address));
  }

  /**
   * Makes the addresses in use exactly `addresses` (those of the stored Services) and the first
   * one, the `kubernetes` Service's; addresses outside the range, or not IPv4, are not this allocator's.
   */
  rebuild(addresses: Iterable<string>): void {
    this.used.clear();
    this.used.add(this.base + 1);
    for (const address of addresses) if (this.contains(address)) this.used.add(parseIPv4(address));
  }

  /** The range as written, for messages: `10.96.0.0/12`. */
  get cidr(): string {
    return `${formatIPv4(this.base)}/${32 - Math.log2(this.size)}`;
  }

  /**
   * Why the range cannot hand out `address` (ipallocator's ErrMismatchedNetwork and
   * ErrNotInRange), or undefined when it can. Addresses of another family are not this range's to judge.
   */
  refusal(address: string): string | undefined {
    if (!isIPv4(address) || this.contains(address)) return undefined;
    const value = parseIPv4(address);
    if (value < this.base || value >= this.base + this.size) return 'the provided network does not match the current range';
    return `the provided IP (${address}) is not in the valid range. The range of valid IPs is ${this.cidr}`;
  }

  allocate(): string {
    if (this.used.size >= this.size - 2) throw rangeFull();
    for (;;) {
      const candidate = this.base + randomInt(1, this.size - 1);
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return formatIPv4(candidate);
      }
    }
  }
}

/** The cluster IPs a stored Service holds. */
export function serviceClusterIPs(service: { spec?: unknown }): string[] {
  const spec = service.spec as { clusterIP?: string; clusterIPs?: string[] } | undefined;
  return spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : []);
}
