import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, backends, startCluster } from './harness.js';

// Real kubectl v1.35 against the example server. Expected output is what kubectl prints against
// a real kube-apiserver for the same objects.

let cluster: Cluster;

const manifest = (lines: string[]) => `${lines.join('\n')}\n`;
const configMap = (name: string, namespace: string, labels: Record<string, string> = {}, data: Record<string, string> = { k: 'v' }) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data });
const namespaceManifest = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

async function ok(args: string[], stdin?: string) {
  const result = await cluster.kubectl(args, stdin === undefined ? {} : { stdin });
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

/** A table's rows as arrays of cells (kubectl separates columns by three or more spaces). */
const rows = (table: string) =>
  table
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));

// The same suite on each storage backend: memory, and etcd when it is installed.
describe.each(backends())('on $name storage', ({ start }) => {
  beforeAll(async () => {
    cluster = await startCluster(start);
    await ok(['create', '-f', '-'], namespaceManifest('shop'));
    for (const [name, tier] of [
      ['web', 'front'],
      ['api', 'back'],
      ['db', 'back'],
    ] as const) {
      await ok(['create', '-f', '-'], configMap(name, 'shop', { app: 'shop', tier }));
    }
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describe('kubectl against the example server', () => {
    it('version reports client and server', async () => {
      const out = await ok(['version']);
      expect(out).toContain('Client Version: v1.35.2');
      expect(out).toContain('Server Version: v1.35.0');
    });

    it('api-resources lists the served kinds with short names and scope', async () => {
      const table = rows(await ok(['api-resources']));
      expect(table[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
      expect(table).toContainEqual(['configmaps', 'cm', 'v1', 'true', 'ConfigMap']);
      expect(table).toContainEqual(['namespaces', 'ns', 'v1', 'false', 'Namespace']);
    });

    it('api-versions lists the core version', async () => {
      expect((await ok(['api-versions'])).split('\n')).toContain('v1');
    });

    it('get prints the server-side table', async () => {
      const table = rows(await ok(['get', 'configmaps', '-n', 'shop']));
      expect(table[0]).toEqual(['NAME', 'DATA', 'AGE']);
      expect(table.slice(1).map((row) => row.slice(0, 2))).toEqual([
        ['api', '1'],
        ['db', '1'],
        ['web', '1'],
      ]);
      expect(table[1]![2]).toMatch(/^\d+s$/);
    });

    it('get namespaces shows the system namespaces as Active', async () => {
      const table = rows(await ok(['get', 'ns']));
      expect(table[0]).toEqual(['NAME', 'STATUS', 'AGE']);
      expect(table.slice(1).map((row) => row.slice(0, 2))).toEqual([
        ['default', 'Active'],
        ['kube-node-lease', 'Active'],
        ['kube-public', 'Active'],
        ['kube-system', 'Active'],
        ['shop', 'Active'],
      ]);
    });

    it('get -o yaml, json, name and jsonpath', async () => {
      const yaml = await ok(['get', 'cm', 'web', '-n', 'shop', '-o', 'yaml']);
      expect(yaml).toMatch(/^apiVersion: v1\ndata:\n {2}k: v\nkind: ConfigMap\nmetadata:\n/);
      expect(yaml).toMatch(/ {2}resourceVersion: "\d+"\n/);
      expect(yaml).toMatch(/ {2}uid: [0-9a-f-]{36}\n/);
      const json = JSON.parse(await ok(['get', 'cm', 'web', '-n', 'shop', '-o', 'json'])) as { metadata: Record<string, unknown> };
      expect(json.metadata).toMatchObject({ name: 'web', namespace: 'shop', labels: { app: 'shop', tier: 'front' } });
      expect(json.metadata['creationTimestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await ok(['get', 'cm', '-n', 'shop', '-o', 'name'])).toBe('configmap/api\nconfigmap/db\nconfigmap/web\n');
      expect(await ok(['get', 'cm', 'web', '-n', 'shop', '-o', 'jsonpath={.metadata.labels.tier}'])).toBe('front');
    });

    it('get -A adds the NAMESPACE column', async () => {
      const table = rows(await ok(['get', 'cm', '-A']));
      expect(table[0]).toEqual(['NAMESPACE', 'NAME', 'DATA', 'AGE']);
      expect(table.filter((row) => row[0] === 'shop').map((row) => row[1])).toEqual(['api', 'db', 'web']);
    });

    it('get -l and --field-selector filter on the server', async () => {
      expect(await ok(['get', 'cm', '-n', 'shop', '-l', 'tier=back', '-o', 'name'])).toBe('configmap/api\nconfigmap/db\n');
      expect(await ok(['get', 'cm', '-n', 'shop', '-l', 'tier in (front),app', '-o', 'name'])).toBe('configmap/web\n');
      expect(await ok(['get', 'cm', '-n', 'shop', '-l', '!tier', '-o', 'name'])).toBe('');
      expect(await ok(['get', 'cm', '-n', 'shop', '--field-selector', 'metadata.name!=db', '-o', 'name'])).toBe(
        'configmap/api\nconfigmap/web\n',
      );
    });

    it('an unknown field selector is a 400 with the real wording', async () => {
      const result = await cluster.kubectl(['get', 'cm', '-n', 'shop', '--field-selector', 'spec.foo=x']);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "spec.foo=x": field label not supported: spec.foo\n',
      );
    });

    it('get --chunk-size=2 pages with limit and continue', async () => {
      const result = await cluster.kubectl(['get', 'cm', '-n', 'shop', '--chunk-size=2', '-v=6']);
      expect(result.code).toBe(0);
      expect(rows(result.stdout).slice(1).map((row) => row[0])).toEqual(['api', 'db', 'web']);
      expect(result.stderr).toMatch(/verb="GET" url="https:\/\/[^"]+\/api\/v1\/namespaces\/shop\/configmaps\?limit=2" status="200 OK"/);
      expect(result.stderr).toMatch(/verb="GET" url="https:\/\/[^"]+\/api\/v1\/namespaces\/shop\/configmaps\?continue=[^"&]+&limit=2" status="200 OK"/);
    });

    it('get -o json reads a list longer than one streamed chunk', async () => {
      const client = cluster.server.server.client;
      await client.kind('v1', 'Namespace').create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } });
      const configMaps = client.kind('v1', 'ConfigMap');
      const data = { blob: 'x'.repeat(10_000) };
      for (let i = 0; i < 40; i++) {
        await configMaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(2, '0')}`, namespace: 'big' }, data });
      }
      const list = JSON.parse(await ok(['get', 'configmaps', '-n', 'big', '-o', 'json'])) as { items: { metadata: { name: string }; data: Record<string, string> }[] };
      expect(list.items.map((item) => item.metadata.name)).toEqual(Array.from({ length: 40 }, (_, i) => `cm-${String(i).padStart(2, '0')}`));
      expect(list.items.every((item) => item.data.blob === data.blob)).toBe(true);
    });

    it('get -w --output-watch-events follows changes', async () => {
      await ok(['create', '-f', '-'], namespaceManifest('watched'));
      const watch = cluster.spawnKubectl(['get', 'cm', '-n', 'watched', '-w', '--output-watch-events']);
      await watch.waitFor('No resources found', 10_000).catch(() => undefined);
      await ok(['create', '-f', '-'], configMap('w', 'watched'));
      await watch.waitFor(/ADDED\s+w\s+1/);
      await ok(['replace', '-f', '-'], configMap('w', 'watched', {}, { k: 'v', k2: 'v2' }));
      await watch.waitFor(/MODIFIED\s+w\s+2/);
      await ok(['delete', 'cm', 'w', '-n', 'watched']);
      await watch.waitFor(/DELETED\s+w\s+2/);
      const { stdout } = await watch.stop();
      expect(rows(stdout)[0]).toEqual(['EVENT', 'NAME', 'DATA', 'AGE']);
    });

    it('replace updates, and a stale resourceVersion is a Conflict', async () => {
      const live = JSON.parse(await ok(['get', 'cm', 'web', '-n', 'shop', '-o', 'json'])) as { data: Record<string, string> };
      live.data = { k: 'changed' };
      expect(await ok(['replace', '-f', '-'], JSON.stringify(live))).toBe('configmap/web replaced\n');
      const stale = await cluster.kubectl(['replace', '-f', '-'], { stdin: JSON.stringify(live) });
      expect(stale.code).toBe(1);
      expect(stale.stderr).toBe(
        'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "web": the object has been modified; please apply your changes to the latest version and try again\n',
      );
    });

    it('create --dry-run=server changes nothing', async () => {
      expect(await ok(['create', '-f', '-', '--dry-run=server'], configMap('ghost', 'shop'))).toBe('configmap/ghost created (server dry run)\n');
      const result = await cluster.kubectl(['get', 'cm', 'ghost', '-n', 'shop']);
      expect(result.stderr).toBe('Error from server (NotFound): configmaps "ghost" not found\n');
    });

    it('delete waits for the object to go; wait --for=delete returns when it does', async () => {
      await ok(['create', '-f', '-'], configMap('doomed', 'shop'));
      const waiting = cluster.kubectl(['wait', '--for=delete', 'cm/doomed', '-n', 'shop', '--timeout=20s']);
      expect(await ok(['delete', 'cm', 'doomed', '-n', 'shop'])).toBe('configmap "doomed" deleted from shop namespace\n');
      const waited = await waiting;
      expect(waited.code).toBe(0);
    });

    it('wait --for=jsonpath sees the value', async () => {
      expect(await ok(['wait', '--for=jsonpath={.data.k}=v', 'cm/api', '-n', 'shop', '--timeout=10s'])).toBe('configmap/api condition met\n');
    });

    it('deleting a namespace removes its content', async () => {
      await ok(['create', '-f', '-'], namespaceManifest('temp'));
      await ok(['create', '-f', '-'], configMap('inside', 'temp'));
      expect(await ok(['delete', 'ns', 'temp'])).toBe('namespace "temp" deleted\n');
      // kubectl 1.35 checks the namespace after a 404 and names it, as against a real cluster.
      expect((await cluster.kubectl(['get', 'cm', 'inside', '-n', 'temp'])).stderr).toBe(
        'Error from server (NotFound): namespaces "temp" not found\n',
      );
      expect((await cluster.kubectl(['get', '--raw', '/api/v1/namespaces/temp/configmaps/inside'])).stderr).toBe(
        'Error from server (NotFound): configmaps "inside" not found\n',
      );
    });

    it('the system namespaces cannot be deleted', async () => {
      const result = await cluster.kubectl(['delete', 'ns', 'kube-system', '--wait=false']);
      expect(result.stderr).toBe('Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n');
    });

    it('explain reads the OpenAPI v3 schemas', async () => {
      const out = await ok(['explain', 'configmap']);
      expect(out).toContain('KIND:       ConfigMap\nVERSION:    v1\n');
      expect(out).toMatch(/data\t<map\[string\]string>/);
      expect(await ok(['explain', 'namespace.spec.finalizers'])).toContain('FIELD: finalizers <[]string>');
      // The descriptions a real cluster prints, from the Go types' doc comments.
      expect(await ok(['explain', 'deployment.spec.replicas'])).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: replicas <integer>


DESCRIPTION:
    Number of desired pods. This is a pointer to distinguish between explicit
    zero and not specified. Defaults to 1.
    

`);
    });

    it('get --raw /openapi/v3 serves the index', async () => {
      const index = JSON.parse(await ok(['get', '--raw', '/openapi/v3'])) as { paths: Record<string, { serverRelativeURL: string }> };
      expect(index.paths['api/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+$/);
    });

    describe('errors, worded as the real server words them', () => {
      it('a missing object', async () => {
        const result = await cluster.kubectl(['get', 'cm', 'nope', '-n', 'shop']);
        expect(result).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): configmaps "nope" not found\n' });
      });

      it('a duplicate', async () => {
        const result = await cluster.kubectl(['create', '-f', '-'], { stdin: configMap('web', 'shop') });
        expect(result).toMatchObject({
          code: 1,
          stderr: 'Error from server (AlreadyExists): error when creating "STDIN": configmaps "web" already exists\n',
        });
      });

      it('a missing namespace', async () => {
        const result = await cluster.kubectl(['create', '-f', '-'], { stdin: configMap('x', 'nowhere') });
        expect(result).toMatchObject({
          code: 1,
          stderr: 'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n',
        });
      });

      it('an unknown field, under the strict field validation kubectl asks for', async () => {
        const result = await cluster.kubectl(['create', '-f', '-'], {
          stdin: manifest(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: typo', '  namespace: shop', 'date:', '  k: v']),
        });
        expect(result).toMatchObject({
          code: 1,
          stderr:
            'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "date"\n',
        });
      });

      it('an invalid name', async () => {
        const result = await cluster.kubectl(['create', '-f', '-'], {
          stdin: manifest(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: Bad_Name', '  namespace: shop']),
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
        );
      });
    });
  });
});
