import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, backends, startCluster, withControllers } from './harness.js';

// Real kubectl v1.35 against the example server with its simulated controllers (as
// `kubekit-server` runs by default): what a real cluster's controller manager, scheduler and
// kubelets make of a Deployment, as kubectl shows it.

let cluster: Cluster;

// The same suite on each storage backend: memory, and etcd when it is installed.
describe.each(backends(withControllers))('on $name storage', ({ start }) => {
  beforeAll(async () => {
    cluster = await startCluster(start);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  async function ok(...args: string[]): Promise<string> {
    const result = await cluster.kubectl(args, { timeoutMs: 60_000 });
    expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
    expect(result.code, `kubectl ${args.join(' ')}`).toBe(0);
    return result.stdout;
  }

  /** The images of an app's pods, leaving out any still Terminating after a rollout (as on a real cluster, they may linger). */
  async function images(app = 'web'): Promise<string[]> {
    const pods = JSON.parse(await ok('get', 'pods', '-l', `app=${app}`, '-o', 'json')) as {
      items: { metadata: { deletionTimestamp?: string }; spec: { containers: { image: string }[] } }[];
    };
    return pods.items.filter((pod) => !pod.metadata.deletionTimestamp).map((pod) => pod.spec.containers[0]?.image ?? '');
  }

  describe('kubectl with the simulated controllers', () => {
    it('lists the simulated nodes as Ready', async () => {
      const lines = (await ok('get', 'nodes')).trimEnd().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
      expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual(['node-1 Ready', 'node-2 Ready', 'node-3 Ready']);
    });

    it('creates a Deployment whose rollout completes, with Ready pods on the nodes', async () => {
      expect(await ok('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3')).toBe('deployment.apps/web created\n');
      expect(await ok('rollout', 'status', 'deployment/web', '--timeout=60s')).toMatch(/deployment "web" successfully rolled out\n$/);
      expect(await ok('wait', '--for=condition=Available', 'deployment/web', '--timeout=30s')).toBe('deployment.apps/web condition met\n');
      const ready = (await ok('wait', '--for=condition=Ready', 'pod', '-l', 'app=web', '--timeout=30s')).trimEnd().split('\n');
      expect(ready).toHaveLength(3);
      for (const line of ready) expect(line).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5} condition met$/);
      const pods = (await ok('get', 'pods', '-l', 'app=web')).trimEnd().split('\n');
      expect(pods[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
      for (const line of pods.slice(1)) expect(line).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+s$/);
      const deployment = (await ok('get', 'deployment', 'web')).trimEnd().split('\n');
      expect(deployment[1]).toMatch(/^web\s+3\/3\s+3\s+3\s+\d+s$/);
    });

    it('rolls a new image out, keeps the history, and rolls back', async () => {
      expect(await ok('set', 'image', 'deployment/web', 'nginx=nginx:1.28')).toBe('deployment.apps/web image updated\n');
      expect(await ok('rollout', 'status', 'deployment/web', '--timeout=60s')).toMatch(/successfully rolled out\n$/);
      expect(await images()).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
      expect((await ok('rollout', 'history', 'deployment/web')).split('\n').map((line) => line.trimEnd())).toEqual([
        'deployment.apps/web ',
        'REVISION  CHANGE-CAUSE',
        '1         <none>',
        '2         <none>',
        '',
        '',
      ].map((line) => line.trimEnd()));

      expect(await ok('rollout', 'undo', 'deployment/web')).toBe('deployment.apps/web rolled back\n');
      expect(await ok('rollout', 'status', 'deployment/web', '--timeout=60s')).toMatch(/successfully rolled out\n$/);
      expect(await images()).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
      const history = await ok('rollout', 'history', 'deployment/web');
      expect(history).toMatch(/^2\s+<none>$/m);
      expect(history).toMatch(/^3\s+<none>$/m);
      expect(history).not.toMatch(/^1\s/m);
      expect((await ok('get', 'replicasets', '-l', 'app=web', '-o', 'name')).trimEnd().split('\n')).toHaveLength(2);
    });

    it('scales the pod count', async () => {
      expect(await ok('scale', 'deployment/web', '--replicas=5')).toBe('deployment.apps/web scaled\n');
      expect(await ok('rollout', 'status', 'deployment/web', '--timeout=60s')).toMatch(/successfully rolled out\n$/);
      expect(await images()).toHaveLength(5);
      await ok('scale', 'deployment/web', '--replicas=2');
      await ok('rollout', 'status', 'deployment/web', '--timeout=60s');
      expect((await ok('get', 'deployment', 'web', '-o', 'jsonpath={.status.availableReplicas}'))).toBe('2');
    });

    it('exposes the Deployment: the Service\'s Endpoints and EndpointSlice list its pods', async () => {
      expect(await ok('expose', 'deployment', 'web', '--port=80', '--target-port=8080')).toBe('service/web exposed\n');
      // v1 Endpoints carry the real server's deprecation warning.
      const waited = await cluster.kubectl(['wait', '--for=jsonpath={.subsets[0].addresses[1].ip}', 'endpoints/web', '--timeout=30s']);
      expect([waited.code, waited.stderr]).toEqual([0, 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n']);
      const slices = (await ok('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web')).trimEnd().split('\n');
      expect(slices[0]).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
      expect(slices[1]).toMatch(/^web-[a-z0-9]{5}\s+IPv4\s+8080\s+10\.244\.\d+\.\d+,10\.244\.\d+\.\d+\s+\d+s$/);
      expect(await ok('describe', 'service', 'web')).toMatch(/^Endpoints:\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080$/m);
    });

    it('describes a pod with the events of the scheduler and the kubelet', async () => {
      const [pod] = (await ok('get', 'pods', '-l', 'app=web', '-o', 'name')).trimEnd().split('\n');
      const description = await ok('describe', pod!);
      expect(description).toMatch(/^Status:\s+Running$/m);
      expect(description).toMatch(/^Node:\s+node-\d\/172\.18\.0\.\d+$/m);
      expect(description).toMatch(/^IP:\s+10\.244\.\d+\.\d+$/m);
      expect(description).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/web-\S+ to node-\d/);
      // kubectl 1.35 puts the container's fieldPath before the kubelet's message.
      expect(description).toMatch(/Normal\s+Started\s+\S+\s+kubelet\s+spec\.containers\{nginx\}: Started container nginx/);
    });

    it('deletes the Deployment with its ReplicaSets and pods', async () => {
      expect(await ok('delete', 'deployment', 'web')).toBe('deployment.apps "web" deleted from default namespace\n');
      await ok('wait', '--for=delete', 'pod', '-l', 'app=web', '--timeout=30s');
      const left = await cluster.kubectl(['get', 'replicasets,pods', '-l', 'app=web']);
      expect(left.stderr).toBe('No resources found in default namespace.\n');
    });

    it('runs a Job created with kubectl to completion', async () => {
      expect(await ok('create', 'job', 'once', '--image=busybox:1.36')).toBe('job.batch/once created\n');
      expect(await ok('wait', '--for=condition=Complete', 'job/once', '--timeout=30s')).toBe('job.batch/once condition met\n');
      const row = (await ok('get', 'job', 'once')).trimEnd().split('\n');
      expect(row[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
      expect(row[1]).toMatch(/^once\s+Complete\s+1\/1\s+\d+s\s+\d+s$/);
      expect(await ok('get', 'pods', '-l', 'job-name=once', '-o', 'jsonpath={.items[*].status.phase}')).toBe('Succeeded');
    });

    it('deletes with --cascade=orphan (the ReplicaSet stays) and --cascade=foreground (everything goes)', async () => {
      await ok('create', 'deployment', 'kept', '--image=nginx:1.27', '--replicas=2');
      await ok('rollout', 'status', 'deployment/kept', '--timeout=60s');
      await ok('delete', 'deployment', 'kept', '--cascade=orphan');
      const orphaned = JSON.parse(await ok('get', 'replicasets', '-l', 'app=kept', '-o', 'json')) as { items: { metadata: { ownerReferences?: unknown[] } }[] };
      expect(orphaned.items).toHaveLength(1);
      expect(orphaned.items[0]?.metadata.ownerReferences).toBeUndefined();
      expect((await images('kept')).length).toBe(2);
      await ok('delete', 'replicasets', '-l', 'app=kept');

      await ok('create', 'deployment', 'gone', '--image=nginx:1.27', '--replicas=2');
      await ok('rollout', 'status', 'deployment/gone', '--timeout=60s');
      expect(await ok('delete', 'deployment', 'gone', '--cascade=foreground')).toBe('deployment.apps "gone" deleted from default namespace\n');
      await ok('wait', '--for=delete', 'pod', '-l', 'app=gone', '--timeout=30s');
      expect((await cluster.kubectl(['get', 'deployments,replicasets,pods', '-l', 'app=gone'])).stderr).toBe('No resources found in default namespace.\n');
    });

    it('drains a node: its pods are evicted and their ReplicaSet replaces them on the other nodes', async () => {
      await ok('create', 'deployment', 'spread', '--image=nginx:1.27', '--replicas=3');
      await ok('rollout', 'status', 'deployment/spread', '--timeout=60s');
      const drained = await cluster.kubectl(['drain', 'node-3', '--timeout=60s'], { timeoutMs: 90_000 });
      expect(drained.code, drained.stderr).toBe(0);
      expect(drained.stdout).toMatch(/^node\/node-3 cordoned$/m);
      expect(drained.stdout).toMatch(/^node\/node-3 drained$/m);
      await ok('rollout', 'status', 'deployment/spread', '--timeout=60s');
      const pods = JSON.parse(await ok('get', 'pods', '-l', 'app=spread', '-o', 'json')) as { items: { metadata: { deletionTimestamp?: string }; spec: { nodeName: string } }[] };
      const nodes = pods.items.filter((pod) => !pod.metadata.deletionTimestamp).map((pod) => pod.spec.nodeName);
      expect(nodes).toHaveLength(3);
      expect(nodes).not.toContain('node-3');
      expect(await ok('uncordon', 'node-3')).toBe('node/node-3 uncordoned\n');
    });

    it('prints a pod\'s log, its tail and timestamps, and follows it until the container exits', async () => {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'talk', annotations: { 'kubekit.dev/log': 'one\ntwo\nthree', 'kubekit.dev/run-for': '2s' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'talk', image: 'busybox' }] },
      };
      await cluster.kubectl(['create', '-f', '-'], { stdin: JSON.stringify(pod) });
      await ok('wait', '--for=jsonpath={.status.phase}=Running', 'pod/talk', '--timeout=30s');
      expect(await ok('logs', 'talk')).toBe('one\ntwo\nthree\n');
      expect(await ok('logs', 'talk', '--tail=1')).toBe('three\n');
      expect((await ok('logs', 'talk', '--timestamps')).split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z one$/);
      // -f ends when the container exits (after its 2 s run).
      expect(await ok('logs', '-f', 'talk')).toBe('one\ntwo\nthree\n');
      expect(await ok('get', 'pod', 'talk', '-o', 'jsonpath={.status.phase}')).toBe('Succeeded');
      const missing = await cluster.kubectl(['logs', 'talk', '-c', 'nope']);
      expect(missing.stderr).toBe('error: container nope is not valid for pod talk\n');
    });

    it('rolls out a StatefulSet and a DaemonSet', async () => {
      const statefulSet = {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } } },
      };
      const daemonSet = {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox' }] } } },
      };
      const applied = await cluster.kubectl(['apply', '-f', '-'], { stdin: `${JSON.stringify(statefulSet)}\n---\n${JSON.stringify(daemonSet)}\n` });
      expect(applied.stderr + applied.stdout).toBe('statefulset.apps/db created\ndaemonset.apps/agent created\n');
      // kubectl prints a "Waiting for …" line for each check that finds the rollout still going.
      expect(await ok('rollout', 'status', 'statefulset/db', '--timeout=60s')).toMatch(
        /^(Waiting for .*\n)*(partitioned roll out complete: 2 new pods have been updated\.\.\.|statefulset rolling update complete 2 pods at revision db-[a-z0-9]+\.\.\.)\n$/,
      );
      expect(await ok('get', 'pods', '-l', 'app=db', '-o', 'name')).toBe('pod/db-0\npod/db-1\n');
      expect(await ok('rollout', 'status', 'daemonset/agent', '--timeout=60s')).toMatch(/daemon set "agent" successfully rolled out\n$/);
      expect((await ok('get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={.items[*].spec.nodeName}')).split(' ').sort()).toEqual(['node-1', 'node-2', 'node-3']);
    });

    it('keeps a StatefulSet\'s history in ControllerRevisions, and rolls it back', async () => {
      await ok('set', 'image', 'statefulset/db', 'db=postgres:17');
      await ok('rollout', 'status', 'statefulset/db', '--timeout=60s');
      const history = (await ok('rollout', 'history', 'statefulset/db')).split('\n').map((line) => line.trimEnd());
      expect(history.slice(0, 4)).toEqual(['statefulset.apps/db', 'REVISION  CHANGE-CAUSE', '1         <none>', '2         <none>']);
      const revisions = (await ok('get', 'controllerrevisions', '-l', 'app=db')).trimEnd().split('\n');
      expect(revisions[0]).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE$/);
      expect(revisions.slice(1).map((row) => row.split(/\s+/).slice(1, 3).join(' ')).sort()).toEqual(['statefulset.apps/db 1', 'statefulset.apps/db 2']);

      expect(await ok('rollout', 'undo', 'statefulset/db')).toBe('statefulset.apps/db rolled back\n');
      await ok('rollout', 'status', 'statefulset/db', '--timeout=60s');
      expect(await ok('get', 'pods', '-l', 'app=db', '-o', 'jsonpath={.items[*].spec.containers[0].image}')).toBe('postgres:16 postgres:16');
      expect(await ok('rollout', 'history', 'statefulset/db')).toMatch(/^2\s+<none>\n3\s+<none>\n/m);
    });

    it('pauses a rollout and resumes it, and tells the story with kubectl events', async () => {
      await ok('create', 'deployment', 'paused', '--image=nginx:1.27', '--replicas=2');
      await ok('rollout', 'status', 'deployment/paused', '--timeout=60s');
      expect(await ok('rollout', 'pause', 'deployment/paused')).toBe('deployment.apps/paused paused\n');
      await ok('set', 'image', 'deployment/paused', 'nginx=nginx:1.28');
      await ok('wait', '--for=jsonpath={.status.conditions[?(@.type=="Progressing")].reason}=DeploymentPaused', 'deployment/paused', '--timeout=30s');
      expect(await images('paused')).toEqual(['nginx:1.27', 'nginx:1.27']);
      expect(await ok('rollout', 'resume', 'deployment/paused')).toBe('deployment.apps/paused resumed\n');
      await ok('rollout', 'status', 'deployment/paused', '--timeout=60s');
      expect(await images('paused')).toEqual(['nginx:1.28', 'nginx:1.28']);

      const events = await ok('events', '--for', 'deployment/paused');
      expect(events.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
      expect(events).toMatch(/Normal\s+ScalingReplicaSet\s+Deployment\/paused\s+Scaled up replica set paused-[a-z0-9]+ from 0 to 2/);
      // The same events through events.k8s.io/v1, which serves the core/v1 events' storage.
      const v1 = JSON.parse(await ok('get', 'events.v1.events.k8s.io', '--field-selector', 'regarding.name=paused', '-o', 'json')) as { items: { apiVersion: string; reason: string; note: string; reportingController: string }[] };
      expect(v1.items.length).toBeGreaterThan(0);
      expect(v1.items[0]).toMatchObject({ apiVersion: 'events.k8s.io/v1', reason: 'ScalingReplicaSet', reportingController: 'deployment-controller' });
    });
  });
});
