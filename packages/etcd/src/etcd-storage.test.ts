import { afterAll, beforeAll, describe } from 'vitest';
import { runStorageConformance } from '@kubekit/store/testing';
import { type EtcdProcess, etcdAvailable, startEtcd } from './testing/index.js';
import { EtcdStorage } from './etcd-storage.js';

const available = etcdAvailable();
if (!available) console.warn('etcd is not installed: `apt-get install etcd-server` (or set ETCD_BIN) to run the etcd storage tests');

let etcd: EtcdProcess;
let keySpace = 0;

describe.runIf(available)('on a real etcd', () => {
  beforeAll(async () => {
    etcd = await startEtcd();
  }, 60_000);

  afterAll(async () => {
    await etcd?.destroy();
  });

  // Every test gets an empty key space of its own on the one etcd (the suite compares revisions
  // only relative to each other, as etcd's counter is shared by all of them).
  runStorageConformance('EtcdStorage', () => EtcdStorage.open({ etcd: { servers: [etcd.endpoint] }, prefix: `/conformance-${++keySpace}` }));
});
