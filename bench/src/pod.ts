/** A Pod of about 1.5 KB once the server has filled in its defaults. */
export function pod(name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'bench', tier: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  };
}

export const NAMESPACE_PATH = '/api/v1/namespaces/default/pods';
