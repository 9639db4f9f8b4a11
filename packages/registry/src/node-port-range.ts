import { randomInt } from 'node:crypto';
import { newInternalError } from '@kubekit/apimachinery';
import { type Storage, type StoredObject, isStorageError } from '@kubekit/store';
import { NODE_PORT_MAX, NODE_PORT_MIN } from './builtins/service-allocation.js';

const SIZE = NODE_PORT_MAX - NODE_PORT_MIN + 1;

/**
 * Where the ports in use are kept: one RangeAllocation, as kube-apiserver keeps them at
 * `/registry/services/nodeports` (outside any served resource's keys, so no list shows it).
 */
const NODE_PORT_ALLOCATION_KEY = '/core/rangeallocations/servicenodeports';

interface RangeAllocation extends StoredObject {
  range: string;
  /** One bit per port of the range, the first port in the lowest bit of the first byte, base64. */
  data: string;
}

/** What allocate() was asked for that another Service holds. */
export class NodePortsTaken extends Error {
  constructor(readonly ports: readonly number[]) {
    super(`provided port is already allocated: ${ports.join(', ')}`);
  }
}

/** Repairs in a row that must find a port unheld before it is freed (portallocator's numRepairsBeforeLeakCleanup). */
export const LEAK_REPAIRS = 3;

const inRange = (port: number) => Number.isInteger(port) && port >= NODE_PORT_MIN && port <= NODE_PORT_MAX;

function bitsOf(allocation: RangeAllocation | undefined): Uint8Array {
  const bits = new Uint8Array(Math.ceil(SIZE / 8));
  if (allocation) bits.set(Buffer.from(allocation.data, 'base64').subarray(0, bits.length));
  return bits;
}

const has = (bits: Uint8Array, port: number) => (bits[(port - NODE_PORT_MIN) >> 3]! & (1 << ((port - NODE_PORT_MIN) & 7))) !== 0;

function set(bits: Uint8Array, port: number, used: boolean): void {
  const index = (port - NODE_PORT_MIN) >> 3;
  const mask = 1 << ((port - NODE_PORT_MIN) & 7);
  bits[index] = used ? bits[index]! | mask : bits[index]! & ~mask;
}

function allocationOf(bits: Uint8Array): RangeAllocation {
  return { apiVersion: 'v1', kind: 'RangeAllocation', metadata: { name: 'servicenodeports' }, range: `${NODE_PORT_MIN}-${NODE_PORT_MAX}`, data: Buffer.from(bits).toString('base64') };
}

/**
 * Service node ports, kept in storage (the real server's portallocator over etcd): each change is
 * one compare-and-swap of the range's bitmap, so servers sharing a storage never hand out one port
 * twice. Ports outside the range are not this allocator's: validation refuses them.
 */
export class NodePortRange {
  /** Ports no Service held at the last repair, with how many repairs in a row found them so. */
  private leaks = new Map<number, number>();

  constructor(private readonly storage: Storage) {}

  /**
   * Marks `requested` as used and picks `count` free ports more, in one write; returns the picked
   * ones. Throws NodePortsTaken for requested ports in use, a 500 when the range is full. A dry
   * run checks and picks without writing.
   */
  async allocate(requested: readonly number[], count: number, dryRun = false): Promise<number[]> {
    const wanted = [...new Set(requested.filter(inRange))];
    if (wanted.length === 0 && count === 0) return [];
    let picked: number[] = [];
    const change = (bits: Uint8Array) => {
      const taken = wanted.filter((port) => has(bits, port));
      if (taken.length > 0) throw new NodePortsTaken(taken);
      for (const port of wanted) set(bits, port, true);
      picked = [];
      for (let i = 0; i < count; i++) {
        const port = freePort(bits);
        set(bits, port, true);
        picked.push(port);
      }
    };
    if (dryRun) change(bitsOf(await this.read()));
    else await this.write(change);
    return picked;
  }

  /** Gives `ports` back. */
  async release(ports: readonly number[]): Promise<void> {
    const owned = ports.filter(inRange);
    if (owned.length > 0) await this.write((bits) => owned.forEach((port) => set(bits, port, false)));
  }

  /**
   * The real server's node port repair, run at start and then every repair interval: marks the
   * ports stored Services hold, whatever the bitmap says, and frees a port no Service holds once
   * LEAK_REPAIRS repairs in a row have found it so (a create may have reserved it and not yet
   * written its Service; a server stopped half way, or a release that failed, leaves it behind).
   */
  async repair(held: readonly number[]): Promise<void> {
    const holding = new Set(held.filter(inRange));
    const leaked = new Map<number, number>();
    await this.write((bits) => {
      leaked.clear();
      for (const port of holding) set(bits, port, true);
      for (let port = NODE_PORT_MIN; port <= NODE_PORT_MAX; port++) {
        if (holding.has(port) || !has(bits, port)) continue;
        const seen = (this.leaks.get(port) ?? 0) + 1;
        if (seen >= LEAK_REPAIRS) set(bits, port, false);
        else leaked.set(port, seen);
      }
    });
    this.leaks = leaked;
  }

  private async read(): Promise<RangeAllocation | undefined> {
    try {
      return (await this.storage.get<RangeAllocation>(NODE_PORT_ALLOCATION_KEY)).object;
    } catch (error) {
      if (isStorageError(error, 'KeyNotFound')) return undefined;
      throw error;
    }
  }

  /** Applies `change` to the stored bitmap by compare-and-swap; the first change that marks a port creates it. */
  private async write(change: (bits: Uint8Array) => void): Promise<void> {
    for (;;) {
      try {
        await this.storage.guaranteedUpdate<RangeAllocation>(NODE_PORT_ALLOCATION_KEY, (current) => {
          const bits = bitsOf(current.object);
          change(bits);
          return allocationOf(bits);
        });
        return;
      } catch (error) {
        if (!isStorageError(error, 'KeyNotFound')) throw error;
      }
      const bits = bitsOf(undefined);
      change(bits);
      // No bitmap and nothing to mark (a repair with no ports held): nothing to write.
      if (bits.every((byte) => byte === 0)) return;
      try {
        await this.storage.create(NODE_PORT_ALLOCATION_KEY, allocationOf(bits));
        return;
      } catch (error) {
        // Another server created it first: change theirs.
        if (!isStorageError(error, 'KeyExists')) throw error;
      }
    }
  }
}

/** A random free port of the range, as the real allocator picks them. */
function freePort(bits: Uint8Array): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const port = randomInt(NODE_PORT_MIN, NODE_PORT_MAX + 1);
    if (!has(bits, port)) return port;
  }
  // Nearly full: the first free one from a random start.
  const start = randomInt(0, SIZE);
  for (let i = 0; i < SIZE; i++) {
    const port = NODE_PORT_MIN + ((start + i) % SIZE);
    if (!has(bits, port)) return port;
  }
  throw newInternalError('failed to allocate a nodePort: range is full');
}
