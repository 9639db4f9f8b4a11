import { expect, it } from 'vitest';
import { time, perSecond, ms } from './timing.test-util.js';

// Prints, does not assert: timings on shared CI machines are too noisy to gate on. Under vitest
// modules go through vite and zod may already be loaded by another file; `README.md` has figures
// measured with plain node on the built package.

const POD = { group: '', version: 'v1', kind: 'Pod' };
const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'frontend' }, annotations: { a: 'b' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web', tier: 'frontend' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
            env: [{ name: 'MODE', value: 'prod' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
            volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
          },
        ],
        volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
        terminationGracePeriodSeconds: 30,
      },
    },
  },
};

it('prints cold-start and per-object figures', async () => {
  const mainStart = performance.now();
  const main = await import('./index.js');
  const importMain = performance.now() - mainStart;
  const [, firstFind] = time(() => main.findKind(POD));
  const [decoded, firstDecode] = time(() => main.decodeObject(DEPLOYMENT, deployment));
  const schemaStart = performance.now();
  const schema = await import('./schema/index.js');
  const importSchema = performance.now() - schemaStart;
  const [zodSchema, firstSchema] = time(() => schema.schemaFor(DEPLOYMENT));
  const [parsed, firstParse] = time(() => zodSchema.safeParse(deployment));
  const [, openApiCore] = time(() => schema.openApiComponents('', 'v1'));
  const [, openApiApps] = time(() => schema.openApiComponents('apps', 'v1'));

  expect(decoded.errors).toEqual([]);
  expect(parsed.success).toBe(true);

  const decodeRate = perSecond(() => main.decodeObject(DEPLOYMENT, deployment), 2000);
  const zodRate = perSecond(() => zodSchema.safeParse(deployment), 2000);
  console.log(
    [
      'cold start (in vitest, including vite transforming the sources):',
      `  import @kubekit/types ${ms(importMain)}, first findKind ${ms(firstFind)}, first decodeObject(Deployment) ${ms(firstDecode)}`,
      `  import @kubekit/types/schema ${ms(importSchema)}, first schemaFor(Deployment) ${ms(firstSchema)}, first safeParse ${ms(firstParse)}`,
      `  openApiComponents core/v1 ${ms(openApiCore)}, apps/v1 ${ms(openApiApps)}`,
      'per object (Deployment, warm):',
      `  decodeObject ${decodeRate}/s (also reports unknown fields), zod safeParse ${zodRate}/s`,
    ].join('\n'),
  );
});
