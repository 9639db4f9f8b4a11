export interface ServingCertificates {
  /** The CA that signed the serving certificate (PEM): what a kubeconfig embeds. */
  caCert: string;
  cert: string;
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A throwaway CA and a serving certificate it signs, for the given host names and IPs, the way a
 * real cluster's kubeconfig carries `certificate-authority-data`. EC P-256 keys: fast to make.
 */
export async function makeServingCertificates(hosts: readonly string[]): Promise<ServingCertificates> {
  // Loaded here, not at import: it takes longer to load (~130 ms) than the rest of the server,
  // and a plain-HTTP server never needs it.
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 365 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'kubekit-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  // SAN entry types: 7 is an IP address, 2 a DNS name.
  const altNames = hosts.map((host) => (/^[\d.]+$|:/.test(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }));
  const serving = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { caCert: ca.cert, cert: serving.cert, key: serving.private };
}

/** The names a local cluster is dialled by: loopback, and the in-cluster names of the `kubernetes` Service. */
export const LOCAL_SERVING_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'];

const cache = new Map<string, Promise<ServingCertificates>>();

/**
 * `makeServingCertificates(hosts)`, made once per process for each set of names: every later call
 * (a second fake cluster in the same test worker) gets the same CA and certificate at once. A
 * failed generation is not kept, so the next call tries again.
 */
export function cachedServingCertificates(hosts: readonly string[] = LOCAL_SERVING_NAMES): Promise<ServingCertificates> {
  const key = [...new Set(hosts)].sort().join(',');
  let certificates = cache.get(key);
  if (certificates === undefined) {
    certificates = makeServingCertificates(hosts);
    cache.set(key, certificates);
    certificates.catch(() => cache.delete(key));
  }
  return certificates;
}
