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

// Issue 15: kubernetes.utils.create_from_yaml with a ReplicationController and an APIService, and
// a 409's exception text, whose body is the server's bytes as they came (newline included).
const FIDELITY_SCRIPT = `
import json, sys, tempfile
from kubernetes import client, config, utils
config.load_kube_config(config_file=sys.argv[1])
api = client.ApiClient()
manifest = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
manifest.write(sys.argv[2])
manifest.close()
created = utils.create_from_yaml(api, manifest.name, namespace="default")
out = {"created": sorted(type(objects[0]).__name__ for objects in created)}
v1 = client.CoreV1Api()
v1.create_namespaced_config_map("default", {"metadata": {"name": "twice"}})
try:
    v1.create_namespaced_config_map("default", {"metadata": {"name": "twice"}})
except client.exceptions.ApiException as error:
    text = str(error)
    out["exists"] = [text.split("\\n")[0], text.split("\\n")[1], error.body]
stale = v1.read_namespaced_config_map("twice", "default")
fresh = v1.read_namespaced_config_map("twice", "default")
fresh.data = {"changed": "yes"}
v1.replace_namespaced_config_map("twice", "default", fresh)
try:
    v1.replace_namespaced_config_map("twice", "default", stale)
except client.exceptions.ApiException as error:
    out["conflict"] = [error.status, error.reason, error.body, str(error).endswith("HTTP response body: " + error.body + "\\n")]
print(json.dumps(out))
`;

const FIDELITY_MANIFESTS = `apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  replicas: 1
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
spec: {group: metrics.k8s.io, version: v1beta1, service: {namespace: kube-system, name: metrics-server}, groupPriorityMinimum: 100, versionPriority: 100, insecureSkipTLSVerify: true}
`;

describe.runIf(available)('the Python client against what a real server serves (issue 15)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('creates a ReplicationController and an APIService from YAML, and shows a 409 body byte for byte', async () => {
    const { stdout } = await run(PYTHON, ['-c', FIDELITY_SCRIPT, cluster.kubeconfigPath, FIDELITY_MANIFESTS]);
    expect(JSON.parse(stdout)).toEqual({
      created: ['V1APIService', 'V1ReplicationController'],
      exists: [
        '(409)',
        'Reason: Conflict',
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"twice\\" already exists","reason":"AlreadyExists","details":{"name":"twice","kind":"configmaps"},"code":409}\n',
      ],
      conflict: [
        409,
        'Conflict',
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on configmaps \\"twice\\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"twice","kind":"configmaps"},"code":409}\n',
        true,
      ],
    });
  });
});
