import { get } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listen } from './index.js';
import { renderKubeconfig } from './kubeconfig.js';
import { LOCAL_SERVING_NAMES, cachedServingCertificates, makeServingCertificates } from './tls.js';

const handle = async () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });

function fetchWithCa(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

describe('serving certificates', () => {
  it('signs a serving certificate for the names and IPs given, with a CA a client can trust', async () => {
    const { caCert, cert, key } = await makeServingCertificates(['localhost', '127.0.0.1']);
    const serving = new X509Certificate(cert);
    expect(serving.checkIssued(new X509Certificate(caCert))).toBe(true);
    expect(serving.subjectAltName).toContain('DNS:localhost');
    expect(serving.subjectAltName).toContain('IP Address:127.0.0.1');
    const listener = await listen({ handle }, { tls: { key, cert } });
    try {
      expect(await fetchWithCa(`${listener.url}/`, caCert)).toBe('ok');
    } finally {
      await listener.close();
    }
  });

  it('makes the local certificates once per process', async () => {
    const first = cachedServingCertificates();
    expect(cachedServingCertificates([...LOCAL_SERVING_NAMES].reverse())).toBe(first);
    expect(cachedServingCertificates(['localhost'])).not.toBe(first);
    const certificates = await first;
    expect(new X509Certificate(certificates.cert).subjectAltName).toContain('DNS:kubernetes.default.svc');
  });
});

describe('renderKubeconfig', () => {
  it('embeds the CA for HTTPS and skips verification for plain HTTP', () => {
    const https = renderKubeconfig({ server: 'https://127.0.0.1:6443', caCert: 'PEM', namespace: 'shop' });
    expect(https).toContain(`certificate-authority-data: ${Buffer.from('PEM').toString('base64')}`);
    expect(https).toContain('    namespace: shop');
    expect(https).toContain('current-context: kubekit');
    expect(renderKubeconfig({ server: 'http://127.0.0.1:8080' })).toContain('insecure-skip-tls-verify: true');
  });
});
