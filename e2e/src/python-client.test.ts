import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster, withControllers } from './harness.js';

// Debian's python3-kubernetes (installed by .ci/run) uses the system interpreter.
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

async function hasPythonClient(): Promise<boolean> {
  if (!existsSync(PYTHON)) return false;
  try {
    await run(PYTHON, ['-c', 'import kubernetes']);
    return true;
  } catch {
    return false;
  }
}

const available = await hasPythonClient();
if (!available) console.warn('python3-kubernetes is not installed: `apt-get install python3-kubernetes` to run the Python client tests');

const SCRIPT = `
import json, sys
from kubernetes import client, config
config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
out = {"namespaces": [ns.metadata.name for ns in v1.list_namespace().items]}
created = v1.create_namespaced_config_map("default", {"metadata": {"name": "py"}, "data": {"a": "1"}})
out["created"] = created.metadata.name
out["deleted"] = v1.delete_namespaced_config_map("py", "default").status
try:
    v1.read_namespaced_config_map("py", "default")
except client.exceptions.ApiException as error:
    out["missing"] = [error.status, json.loads(error.body)["message"]]
print(json.dumps(out))
`;

// The client's patch_* methods send a dict as application/strategic-merge-patch+json.
const STRATEGIC_PATCH_SCRIPT = `
import json, sys
from kubernetes import client, config
config.load_kube_config(config_file=sys.argv[1])
apps = client.AppsV1Api()
container = {"name": "web", "image": "nginx", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}
apps.create_namespaced_deployment("default", {
    "metadata": {"name": "web"},
    "spec": {"selector": {"matchLabels": {"app": "web"}},
             "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [container]}}}})
patched = apps.patch_namespaced_deployment("web", "default", {"spec": {"template": {"spec": {"containers": [
    {"name": "web", "env": [{"name": "B", "value": "3"}, {"name": "C", "value": "4"}]}]}}}})
print(json.dumps([[e.name, e.value] for e in patched.spec.template.spec.containers[0].env]))
`;

describe.runIf(available)('the Python client (python3-kubernetes)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('loads the kubeconfig, lists, creates, deletes and sees the NotFound Status', async () => {
    const { stdout } = await run(PYTHON, ['-c', SCRIPT, cluster.kubeconfigPath]);
    expect(JSON.parse(stdout)).toEqual({
      namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
      created: 'py',
      deleted: 'Success',
      missing: [404, 'configmaps "py" not found'],
    });
  });

  it("merges a Deployment's env vars by name with its default strategic merge patch", async () => {
    const { stdout } = await run(PYTHON, ['-c', STRATEGIC_PATCH_SCRIPT, cluster.kubeconfigPath]);
    expect(JSON.parse(stdout)).toEqual([
      ['A', '1'],
      ['B', '3'],
      ['C', '4'],
    ]);
  });
});

// With the simulated controllers: a namespace with running pods goes once its kubelets have
// removed them, and a Job runs to completion.
const CONTROLLERS_SCRIPT = `
import json, sys, time
from kubernetes import client, config, watch
config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
apps = client.AppsV1Api()
batch = client.BatchV1Api()
out = {}
v1.create_namespace({"metadata": {"name": "shop"}})
apps.create_namespaced_deployment("shop", {
    "metadata": {"name": "web"},
    "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
             "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}})
v1.create_namespaced_config_map("shop", {"metadata": {"name": "settings"}, "data": {"a": "1"}})
deadline = time.time() + 20
while time.time() < deadline and len([p for p in v1.list_namespaced_pod("shop").items if p.status.phase == "Running"]) < 2:
    time.sleep(0.05)
out["running"] = len(v1.list_namespaced_pod("shop").items)
started = time.time()
v1.delete_namespace("shop")
gone = False
while time.time() - started < 20 and not gone:
    try:
        v1.read_namespace("shop")
        time.sleep(0.05)
    except client.exceptions.ApiException as error:
        gone = error.status == 404
out["namespace_gone"] = gone
out["within_seconds"] = time.time() - started < 5
batch.create_namespaced_job("default", {
    "metadata": {"name": "once"},
    "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "once", "image": "busybox"}]}}}})
for event in watch.Watch().stream(batch.list_namespaced_job, "default", field_selector="metadata.name=once", timeout_seconds=20):
    job = event["object"]
    if job.status.succeeded == 1:
        out["job"] = [c.type for c in job.status.conditions]
        break
print(json.dumps(out))
`;

describe.runIf(available)('the Python client with the simulated controllers', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster(withControllers);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('deletes a namespace with running pods within seconds, and sees a Job complete', async () => {
    const { stdout } = await run(PYTHON, ['-c', CONTROLLERS_SCRIPT, cluster.kubeconfigPath]);
    expect(JSON.parse(stdout)).toEqual({ running: 2, namespace_gone: true, within_seconds: true, job: ['SuccessCriteriaMet', 'Complete'] });
  });
});
