export interface KubeconfigOptions {
  /** The server URL, e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** PEM of the CA to trust; absent for plain HTTP. */
  caCert?: string;
  /** The context, cluster and user name (default `kubekit`). */
  name?: string;
  namespace?: string;
}

/**
 * A kubeconfig that kubectl, helm, client-node and the Python client all accept: HTTPS with the
 * CA embedded, as real clusters give; for plain HTTP, `insecure-skip-tls-verify: true`, without
 * which client-node 2.x refuses an `http://` cluster.
 */
export function renderKubeconfig(options: KubeconfigOptions): string {
  const name = options.name ?? 'kubekit';
  const trust = options.caCert
    ? `    certificate-authority-data: ${Buffer.from(options.caCert).toString('base64')}`
    : '    insecure-skip-tls-verify: true';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    trust,
    `    server: ${options.server}`,
    `  name: ${name}`,
    'contexts:',
    '- context:',
    `    cluster: ${name}`,
    `    user: ${name}`,
    ...(options.namespace ? [`    namespace: ${options.namespace}`] : []),
    `  name: ${name}`,
    `current-context: ${name}`,
    'preferences: {}',
    'users:',
    `- name: ${name}`,
    '  user:',
    `    token: kubekit`,
    '',
  ].join('\n');
}
