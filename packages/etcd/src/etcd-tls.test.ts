import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStorageError } from '@kubekit/store';
import { EtcdStorage } from './etcd-storage.js';
import { type EtcdProcess, etcdAvailable, startEtcd } from './testing/index.js';

// kube-apiserver's --etcd-cafile, --etcd-certfile and --etcd-keyfile: etcd serving TLS and asking
// clients for a certificate its CA signed.

const DAY_MS = 86_400_000;

async function certificates() {
  const dates = { notBeforeDate: new Date(Date.now() - DAY_MS), notAfterDate: new Date(Date.now() + DAY_MS) };
  const ca = await generate([{ name: 'commonName', value: 'etcd-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...dates,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = (commonName: string, usage: { serverAuth?: boolean; clientAuth?: boolean }) =>
    generate([{ name: 'commonName', value: commonName }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ...dates,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', ...usage },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
  const server = await leaf('etcd', { serverAuth: true, clientAuth: true });
  const client = await leaf('kube-apiserver-etcd-client', { clientAuth: true });
  return { ca: ca.cert, server: { cert: server.cert, key: server.private }, client: { cert: client.cert, key: client.private } };
}

describe.runIf(etcdAvailable())('EtcdStorage over TLS', () => {
  let etcd: EtcdProcess;
  let pki: Awaited<ReturnType<typeof certificates>>;
  const dir = mkdtempSync(join(tmpdir(), 'kubekit-etcd-tls-'));

  beforeAll(async () => {
    pki = await certificates();
    etcd = await startEtcd({ tls: { ca: pki.ca, ...pki.server, clientCertAuth: true } });
  }, 60_000);

  afterAll(async () => {
    await etcd?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects with the CA and a client certificate, given as PEM or as files', async () => {
    expect(etcd.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const files = { ca: join(dir, 'ca.crt'), cert: join(dir, 'client.crt'), key: join(dir, 'client.key') };
    writeFileSync(files.ca, pki.ca);
    writeFileSync(files.cert, pki.client.cert);
    writeFileSync(files.key, pki.client.key);
    for (const [index, credentials] of [{ ca: pki.ca, ...pki.client }, files].entries()) {
      const storage = await EtcdStorage.open({ etcd: { servers: [etcd.endpoint], ...credentials }, prefix: '/tls' });
      try {
        const created = await storage.create(`/core/configmaps/default/c-${index}`, { metadata: { name: 'c', uid: 'u' } });
        expect((await storage.get(created.key)).resourceVersion).toBe(created.resourceVersion);
      } finally {
        await storage.close();
      }
    }
  });

  it('fails to open, with a StorageError, without a client certificate etcd accepts', async () => {
    const error = await EtcdStorage.open({ etcd: { servers: [etcd.endpoint], ca: pki.ca }, prefix: '/tls', requestTimeout: 3_000 }).catch((caught: unknown) => caught);
    expect(isStorageError(error), String(error)).toBe(true);
  });
});
