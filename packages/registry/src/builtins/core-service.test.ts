import { describe, expect, it } from 'vitest';
import { row, storeOf } from './catalogue.test-util.js';
import type { KubeObject } from '../kube-object.js';

const serviceStore = () => storeOf('', 'services');

type Spec = Record<string, unknown> & { ports: Record<string, unknown>[]; clusterIP: string; clusterIPs: string[] };
const specOf = (object: KubeObject) => object.spec as Spec;

describe('services', () => {
  it('gets the defaults, a cluster IP from the range and an empty load balancer status', async () => {
    const store = await serviceStore();
    const { object } = await store.create('default', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const spec = specOf(object);
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    expect(object.status).toEqual({ loadBalancer: {} });
    expect(object.metadata?.generation).toBeUndefined();
  });

  it('gives NodePort and LoadBalancer ports a node port, and prints them', async () => {
    const store = await serviceStore();
    const { object } = await store.create('default', {
      metadata: { name: 'lb', creationTimestamp: '' },
      spec: { type: 'LoadBalancer', ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, nodePort: 30443 }] },
    });
    const spec = specOf(object);
    const httpNodePort = spec.ports[0]!.nodePort as number;
    expect(httpNodePort).toBeGreaterThanOrEqual(30000);
    expect(httpNodePort).toBeLessThanOrEqual(32767);
    expect(spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
    const cells = row(store, { ...object, metadata: { ...object.metadata, creationTimestamp: '2026-01-01T11:58:00Z' } });
    expect(cells).toEqual({
      Name: 'lb',
      Type: 'LoadBalancer',
      'Cluster-IP': spec.clusterIP,
      'External-IP': '<pending>',
      'Port(s)': `80:${httpNodePort}/TCP,443:30443/TCP`,
      Age: '2m',
      Selector: '<none>',
    });
  });

  it('keeps headless and ExternalName services without a cluster IP', async () => {
    const store = await serviceStore();
    const headless = await store.create('default', { metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' } } });
    expect(specOf(headless.object)).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' });
    const external = await store.create('default', { metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(specOf(external.object).clusterIP).toBeUndefined();
    expect(row(store, external.object)).toMatchObject({ 'Cluster-IP': '<none>', 'External-IP': 'example.com', 'Port(s)': '<none>' });
  });

  it('rejects services with the real messages', async () => {
    const store = await serviceStore();
    await expect(store.create('default', { metadata: { name: 'web' }, spec: {} })).rejects.toMatchObject({
      status: { message: 'Service "web" is invalid: spec.ports: Required value' },
    });
    await expect(store.create('default', { metadata: { name: '1web' }, spec: { ports: [{ port: 80 }, { port: 81 }] } })).rejects.toMatchObject({
      status: {
        message:
          'Service "1web" is invalid: [metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\'), spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
      },
    });
    await expect(store.create('default', { metadata: { name: 'web' }, spec: { ports: [{ port: 80, nodePort: 30080 }] } })).rejects.toMatchObject({
      status: { message: "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
    });
  });

  it('keeps the allocated values on an update that leaves them out, and refuses a new cluster IP', async () => {
    const store = await serviceStore();
    const created = await store.create('default', { metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    const before = specOf(created.object);
    const replaced = await store.update('default', 'web', () => ({ metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } }));
    expect(specOf(replaced.object)).toMatchObject({ clusterIP: before.clusterIP, ports: [{ nodePort: before.ports[0]!.nodePort }] });
    const clusterIP = await store.update('default', 'web', () => ({ metadata: { name: 'web' }, spec: { type: 'ClusterIP', ports: [{ port: 80, nodePort: before.ports[0]!.nodePort }] } }));
    expect(specOf(clusterIP.object).ports[0]!.nodePort).toBeUndefined();
    await expect(
      store.update('default', 'web', () => ({ metadata: { name: 'web' }, spec: { clusterIP: '10.96.0.99', ports: [{ port: 80 }] } })),
    ).rejects.toMatchObject({ status: { message: 'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.99"]: may not change once set' } });
  });

  it('bootstraps the kubernetes Service as a real cluster has it', async () => {
    const store = await serviceStore();
    const { object } = await store.get('default', 'kubernetes');
    expect(specOf(object)).toMatchObject({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' });
    const { items } = await store.list({ fieldSelector: 'spec.clusterIP=10.96.0.1' });
    expect(items).toHaveLength(1);
  });
});
