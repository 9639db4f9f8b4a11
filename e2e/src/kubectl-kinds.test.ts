import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, type CommandResult, startCluster } from './harness.js';

// Real kubectl v1.35 against the example server, one built-in kind after another. Every expected
// line is what kubectl prints against a real kube-apiserver for the same manifest, right after
// creation and with no controllers running (so no replicas, no scheduling, no bound volumes).

let cluster: Cluster;

const NS = 'shop';
const AGE = expect.stringMatching(/^\d+s$/);
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
/** The default service CIDR of a kubeadm cluster, 10.96.0.0/12. */
const CLUSTER_IP = /^10\.(9[6-9]|10\d|11[01])\.\d{1,3}\.\d{1,3}$/;

/** Strips the common indentation, so manifests read as a user writes them. */
function yaml(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}

function run(args: string[], stdin?: string): Promise<CommandResult> {
  return cluster.kubectl(args, stdin === undefined ? {} : { stdin });
}

async function ok(args: string[], stdin?: string): Promise<string> {
  const result = await run(args, stdin);
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function fails(args: string[], stdin?: string): Promise<string> {
  const result = await run(args, stdin);
  expect(result.stdout, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.code).toBe(1);
  return result.stderr;
}

const create = (manifest: string, namespace?: string) => ok(['create', '-f', '-', ...(namespace ? ['-n', namespace] : [])], manifest);

/**
 * A kubectl table as one record per row, keyed by header. Columns are cut where the header's
 * columns start (kubectl aligns them), so empty cells stay empty instead of shifting the rest.
 */
function table(text: string): Record<string, string>[] {
  const [header = '', ...lines] = text.replace(/\n+$/, '').split('\n');
  const columns = [...header.matchAll(/\S+(?: \S+)*/g)].map((match) => ({ name: match[0], start: match.index }));
  return lines.map((line) =>
    Object.fromEntries(columns.map((column, i) => [column.name, line.slice(column.start, columns[i + 1]?.start).trim()])),
  );
}

const headers = (text: string) => (text.split('\n')[0] ?? '').split(/\s{2,}/);

/** `get all` and multi-kind `get` print one table per kind, separated by a blank line. */
const sections = (text: string) => text.replace(/\n+$/, '').split('\n\n');

function microTimeNow(): string {
  return new Date().toISOString().replace(/Z$/, '000Z');
}

beforeAll(async () => {
  cluster = await startCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

describe('core/v1', () => {
  it('Namespace', async () => {
    expect(await create(yaml(`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
        labels:
          team: storefront
    `))).toBe('namespace/shop created\n');
    expect(await create(yaml(`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: policy
    `))).toBe('namespace/policy created\n');

    const out = await ok(['get', 'namespace', 'shop']);
    expect(headers(out)).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'shop', STATUS: 'Active', AGE }]);

    const live = await ok(['get', 'ns', 'shop', '-o', 'yaml']);
    expect(live).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
    expect(live).toContain('  labels:\n    kubernetes.io/metadata.name: shop\n    team: storefront\n');
    expect(live).toMatch(/\nspec:\n {2}finalizers:\n {2}- kubernetes\nstatus:\n {2}phase: Active\n$/);
  });

  it('Pod: table, wide table, defaults and field selectors', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: Pod
          metadata:
            name: web
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
              ports:
              - name: http
                containerPort: 80
              resources:
                requests:
                  cpu: 100m
                  memory: 128Mi
                limits:
                  memory: 256Mi
            - name: log-shipper
              image: busybox
              command: ["sh", "-c", "tail -f /dev/null"]
        `),
        NS,
      ),
    ).toBe('pod/web created\n');

    const out = await ok(['get', 'pods', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'web', READY: '0/2', STATUS: 'Pending', RESTARTS: '0', AGE }]);

    const wide = await ok(['get', 'pods', '-n', NS, '-o', 'wide']);
    expect(headers(wide)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(table(wide)).toEqual([
      {
        NAME: 'web',
        READY: '0/2',
        STATUS: 'Pending',
        RESTARTS: '0',
        AGE,
        IP: '<none>',
        NODE: '<none>',
        'NOMINATED NODE': '<none>',
        'READINESS GATES': '<none>',
      },
    ]);

    const live = await ok(['get', 'pod', 'web', '-n', NS, '-o', 'yaml']);
    expect(live).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    // The first container: a tagged image is pulled IfNotPresent, the port gets its protocol.
    expect(live).toContain(
      [
        '  - image: nginx:1.27',
        '    imagePullPolicy: IfNotPresent',
        '    name: nginx',
        '    ports:',
        '    - containerPort: 80',
        '      name: http',
        '      protocol: TCP',
        '    resources:',
        '      limits:',
        '        memory: 256Mi',
        '      requests:',
        '        cpu: 100m',
        '        memory: 128Mi',
        '    terminationMessagePath: /dev/termination-log',
        '    terminationMessagePolicy: File',
        '',
      ].join('\n'),
    );
    // An untagged image means :latest, which is pulled Always.
    expect(live).toContain(
      [
        '  - command:',
        '    - sh',
        '    - -c',
        '    - tail -f /dev/null',
        '    image: busybox',
        '    imagePullPolicy: Always',
        '    name: log-shipper',
        '    resources: {}',
        '    terminationMessagePath: /dev/termination-log',
        '    terminationMessagePolicy: File',
        '',
      ].join('\n'),
    );
    for (const line of [
      '  dnsPolicy: ClusterFirst\n',
      '  enableServiceLinks: true\n',
      '  preemptionPolicy: PreemptLowerPriority\n',
      '  priority: 0\n',
      '  restartPolicy: Always\n',
      '  schedulerName: default-scheduler\n',
      '  securityContext: {}\n',
      '  terminationGracePeriodSeconds: 30\n',
    ]) {
      expect(live).toContain(line);
    }
    // Requests below limits make the pod Burstable; nothing has scheduled it.
    expect(live).toMatch(/\nstatus:\n {2}phase: Pending\n {2}qosClass: Burstable\n$/);

    expect(await ok(['get', 'pods', '-n', NS, '--field-selector', 'status.phase=Pending', '-o', 'name'])).toBe('pod/web\n');
    expect(await ok(['get', 'pods', '-n', NS, '--field-selector', 'spec.nodeName=', '-o', 'name'])).toBe('pod/web\n');
    const running = await run(['get', 'pods', '-n', NS, '--field-selector', 'status.phase=Running']);
    expect(running).toEqual({ code: 0, stdout: '', stderr: 'No resources found in shop namespace.\n' });
    const onNode = await run(['get', 'pods', '-A', '--field-selector', 'spec.nodeName=worker-1']);
    expect(onNode).toEqual({ code: 0, stdout: '', stderr: 'No resources found\n' });
  });

  it('Service: ClusterIP, NodePort, headless and ExternalName', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            selector:
              app: web
            ports:
            - name: http
              port: 80
              targetPort: 8080
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: web-public
          spec:
            type: NodePort
            selector:
              app: web
            ports:
            - port: 80
              targetPort: http
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: db
          spec:
            clusterIP: None
            selector:
              app: db
            ports:
            - port: 5432
          ---
          apiVersion: v1
          kind: Service
          metadata:
            name: payments
          spec:
            type: ExternalName
            externalName: payments.example.com
        `),
        NS,
      ),
    ).toBe('service/web created\nservice/web-public created\nservice/db created\nservice/payments created\n');

    const out = await ok(['get', 'services', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    const [db, payments, web, webPublic] = table(out);
    expect(db).toEqual({ NAME: 'db', TYPE: 'ClusterIP', 'CLUSTER-IP': 'None', 'EXTERNAL-IP': '<none>', 'PORT(S)': '5432/TCP', AGE });
    expect(payments).toEqual({
      NAME: 'payments',
      TYPE: 'ExternalName',
      'CLUSTER-IP': '<none>',
      'EXTERNAL-IP': 'payments.example.com',
      'PORT(S)': '<none>',
      AGE,
    });
    expect(web).toEqual({ NAME: 'web', TYPE: 'ClusterIP', 'CLUSTER-IP': expect.stringMatching(CLUSTER_IP), 'EXTERNAL-IP': '<none>', 'PORT(S)': '80/TCP', AGE });
    expect(webPublic).toMatchObject({ NAME: 'web-public', TYPE: 'NodePort', 'CLUSTER-IP': expect.stringMatching(CLUSTER_IP), 'EXTERNAL-IP': '<none>' });
    const nodePort = Number(/^80:(\d+)\/TCP$/.exec(webPublic?.['PORT(S)'] ?? '')?.[1]);
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);

    const wide = table(await ok(['get', 'svc', 'web', '-n', NS, '-o', 'wide']));
    expect(wide).toEqual([expect.objectContaining({ NAME: 'web', SELECTOR: 'app=web' })]);

    const ip = web?.['CLUSTER-IP'];
    const live = await ok(['get', 'svc', 'web', '-n', NS, '-o', 'yaml']);
    expect(live).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n/);
    expect(live).toContain(
      [
        'spec:',
        `  clusterIP: ${ip}`,
        '  clusterIPs:',
        `  - ${ip}`,
        '  internalTrafficPolicy: Cluster',
        '  ipFamilies:',
        '  - IPv4',
        '  ipFamilyPolicy: SingleStack',
        '  ports:',
        '  - name: http',
        '    port: 80',
        '    protocol: TCP',
        '    targetPort: 8080',
        '  selector:',
        '    app: web',
        '  sessionAffinity: None',
        '  type: ClusterIP',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    const external = await ok(['get', 'svc', 'web-public', '-n', NS, '-o', 'yaml']);
    expect(external).toContain(`  - nodePort: ${nodePort}\n    port: 80\n    protocol: TCP\n    targetPort: http\n`);
    expect(external).toContain('  externalTrafficPolicy: Cluster\n');
    const headless = await ok(['get', 'svc', 'db', '-n', NS, '-o', 'yaml']);
    expect(headless).toContain('  clusterIP: None\n  clusterIPs:\n  - None\n');
    expect(headless).toContain('  - port: 5432\n    protocol: TCP\n    targetPort: 5432\n');
  });

  it('Service: replace keeps the allocated cluster IP', async () => {
    const before = await ok(['get', 'svc', 'web', '-n', NS, '-o', 'jsonpath={.spec.clusterIP}']);
    const manifest = yaml(`
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
        - name: http
          port: 80
          targetPort: 8080
        - name: metrics
          port: 9090
    `);
    expect(await ok(['replace', '-f', '-', '-n', NS], manifest)).toBe('service/web replaced\n');
    expect(table(await ok(['get', 'svc', 'web', '-n', NS]))).toEqual([
      { NAME: 'web', TYPE: 'ClusterIP', 'CLUSTER-IP': before, 'EXTERNAL-IP': '<none>', 'PORT(S)': '80/TCP,9090/TCP', AGE },
    ]);
  });

  it('IPAddress and ServiceCIDR: the addresses Services hold; a requested address or node port in use is refused', async () => {
    const web = await ok(['get', 'svc', 'web', '-n', NS, '-o', 'jsonpath={.spec.clusterIP}']);
    const addresses = await ok(['get', 'ipaddresses']);
    expect(headers(addresses)).toEqual(['NAME', 'PARENTREF']);
    expect(table(addresses)).toEqual(
      expect.arrayContaining([
        { NAME: '10.96.0.1', PARENTREF: 'services/default/kubernetes' },
        { NAME: web, PARENTREF: `services/${NS}/web` },
      ]),
    );
    const cidrs = await ok(['get', 'servicecidrs']);
    expect(table(cidrs)).toEqual([{ NAME: 'kubernetes', CIDRS: '10.96.0.0/12', AGE: expect.stringMatching(/^\d+[sm]$/) }]);
    expect(await ok(['get', 'servicecidr', 'kubernetes', '-o', 'jsonpath={.status.conditions[0].type}={.status.conditions[0].status}'])).toBe('Ready=True');

    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: v1
        kind: Service
        metadata:
          name: web-copy
        spec:
          clusterIP: ${web}
          ports:
          - port: 80
      `),
    );
    expect(stderr).toBe(`The Service "web-copy" is invalid: spec.clusterIPs: Invalid value: ["${web}"]: failed to allocate IP ${web}: provided IP is already allocated\n`);

    const nodePort = await ok(['get', 'svc', 'web-public', '-n', NS, '-o', 'jsonpath={.spec.ports[0].nodePort}']);
    const taken = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: v1
        kind: Service
        metadata:
          name: web-public-copy
        spec:
          type: NodePort
          ports:
          - port: 80
            nodePort: ${nodePort}
      `),
    );
    expect(taken).toBe(`The Service "web-public-copy" is invalid: spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is already allocated\n`);
  });

  it('ConfigMap', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: web-config
          data:
            mode: production
            nginx.conf: |
              server { listen 80; }
        `),
        NS,
      ),
    ).toBe('configmap/web-config created\n');
    const out = await ok(['get', 'configmaps', 'web-config', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'DATA', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'web-config', DATA: '2', AGE }]);
    expect(await ok(['get', 'cm', 'web-config', '-n', NS, '-o', 'yaml'])).toMatch(
      /^apiVersion: v1\ndata:\n {2}mode: production\n {2}nginx\.conf: \|\n {4}server \{ listen 80; \}\nkind: ConfigMap\nmetadata:\n/,
    );
  });

  it('Secret: stringData becomes data, type defaults to Opaque', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: Secret
          metadata:
            name: web-creds
          stringData:
            username: admin
            password: s3cret
        `),
        NS,
      ),
    ).toBe('secret/web-creds created\n');
    const out = await ok(['get', 'secrets', 'web-creds', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'web-creds', TYPE: 'Opaque', DATA: '2', AGE }]);
    const live = await ok(['get', 'secret', 'web-creds', '-n', NS, '-o', 'yaml']);
    expect(live).toMatch(/^apiVersion: v1\ndata:\n {2}password: czNjcmV0\n {2}username: YWRtaW4=\nkind: Secret\nmetadata:\n/);
    expect(live).toMatch(/\ntype: Opaque\n$/);
    expect(live).not.toContain('stringData');
  });

  it('ServiceAccount', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: builder
        `),
        NS,
      ),
    ).toBe('serviceaccount/builder created\n');
    const out = await ok(['get', 'serviceaccounts', 'builder', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'SECRETS', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'builder', SECRETS: '0', AGE }]);
    expect(await ok(['get', 'sa', 'builder', '-n', NS, '-o', 'yaml'])).toMatch(/^apiVersion: v1\nkind: ServiceAccount\nmetadata:\n(?: {2}.*\n)+$/);
  });

  it('Node: no kubelet has reported, so its status is Unknown', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: Node
          metadata:
            name: worker-1
            labels:
              kubernetes.io/hostname: worker-1
              node-role.kubernetes.io/worker: ""
        `),
      ),
    ).toBe('node/worker-1 created\n');
    const out = await ok(['get', 'nodes']);
    expect(headers(out)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(table(out)).toEqual([{ NAME: 'worker-1', STATUS: 'Unknown', ROLES: 'worker', AGE, VERSION: '' }]);
    const wide = await ok(['get', 'nodes', '-o', 'wide']);
    expect(headers(wide)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
    expect(table(wide)).toEqual([
      {
        NAME: 'worker-1',
        STATUS: 'Unknown',
        ROLES: 'worker',
        AGE,
        VERSION: '',
        'INTERNAL-IP': '<none>',
        'EXTERNAL-IP': '<none>',
        'OS-IMAGE': '<unknown>',
        'KERNEL-VERSION': '<unknown>',
        'CONTAINER-RUNTIME': '<unknown>',
      },
    ]);
  });

  it('Event (core/v1)', async () => {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: Event
          metadata:
            name: web.1800a1b2c3d4e5f6
          involvedObject:
            apiVersion: v1
            kind: Pod
            name: web
            namespace: shop
            fieldPath: spec.containers{nginx}
          reason: Pulled
          message: Container image "nginx:1.27" already present on machine
          type: Normal
          source:
            component: kubelet
            host: worker-1
          firstTimestamp: "${now}"
          lastTimestamp: "${now}"
          count: 1
        `),
        NS,
      ),
    ).toBe('event/web.1800a1b2c3d4e5f6 created\n');
    const out = await ok(['get', 'events', '-n', NS]);
    expect(headers(out)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(table(out)).toContainEqual({
      'LAST SEEN': AGE,
      TYPE: 'Normal',
      REASON: 'Pulled',
      OBJECT: 'pod/web',
      MESSAGE: 'Container image "nginx:1.27" already present on machine',
    });
    const wide = await ok(['get', 'events', '-n', NS, '-o', 'wide']);
    expect(headers(wide)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(table(wide)).toContainEqual({
      'LAST SEEN': AGE,
      TYPE: 'Normal',
      REASON: 'Pulled',
      OBJECT: 'pod/web',
      SUBOBJECT: 'spec.containers{nginx}',
      SOURCE: 'kubelet, worker-1',
      MESSAGE: 'Container image "nginx:1.27" already present on machine',
      'FIRST SEEN': AGE,
      COUNT: '1',
      NAME: 'web.1800a1b2c3d4e5f6',
    });
  });

  it('Endpoints', async () => {
    const created = await run(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: v1
        kind: Endpoints
        metadata:
          name: legacy-db
        subsets:
        - addresses:
          - ip: 10.0.0.5
          - ip: 10.0.0.6
          ports:
          - port: 5432
      `),
    );
    // v1 Endpoints is deprecated since 1.33: every answer carries the warning, and kubectl prints it.
    const warning = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';
    expect(created).toMatchObject({ code: 0, stdout: 'endpoints/legacy-db created\n', stderr: warning });
    const out = await run(['get', 'endpoints', '-n', NS]);
    expect(out).toMatchObject({ code: 0, stderr: warning });
    expect(headers(out.stdout)).toEqual(['NAME', 'ENDPOINTS', 'AGE']);
    expect(table(out.stdout)).toEqual([{ NAME: 'legacy-db', ENDPOINTS: '10.0.0.5:5432,10.0.0.6:5432', AGE }]);
  });

  it('PersistentVolume: Pending until the volume controller sees it', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: PersistentVolume
          metadata:
            name: pv-local
          spec:
            storageClassName: manual
            capacity:
              storage: 5Gi
            accessModes:
            - ReadWriteOnce
            hostPath:
              path: /data/pv-local
        `),
      ),
    ).toBe('persistentvolume/pv-local created\n');
    const out = await ok(['get', 'pv']);
    expect(headers(out)).toEqual([
      'NAME',
      'CAPACITY',
      'ACCESS MODES',
      'RECLAIM POLICY',
      'STATUS',
      'CLAIM',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'REASON',
      'AGE',
    ]);
    expect(table(out)).toEqual([
      {
        NAME: 'pv-local',
        CAPACITY: '5Gi',
        'ACCESS MODES': 'RWO',
        'RECLAIM POLICY': 'Retain',
        STATUS: 'Pending',
        CLAIM: '',
        STORAGECLASS: 'manual',
        VOLUMEATTRIBUTESCLASS: '<unset>',
        REASON: '',
        AGE,
      },
    ]);
    const live = await ok(['get', 'pv', 'pv-local', '-o', 'yaml']);
    expect(live).toContain('  persistentVolumeReclaimPolicy: Retain\n');
    expect(live).toContain('  volumeMode: Filesystem\n');
    expect(live).toMatch(/\nstatus:\n {2}lastPhaseTransitionTime: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n {2}phase: Pending\n$/);
  });

  it('PersistentVolumeClaim: Pending, nothing bound', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: PersistentVolumeClaim
          metadata:
            name: data
          spec:
            storageClassName: manual
            accessModes:
            - ReadWriteOnce
            resources:
              requests:
                storage: 1Gi
        `),
        NS,
      ),
    ).toBe('persistentvolumeclaim/data created\n');
    const out = await ok(['get', 'pvc', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    expect(table(out)).toEqual([
      {
        NAME: 'data',
        STATUS: 'Pending',
        VOLUME: '',
        CAPACITY: '',
        'ACCESS MODES': '',
        STORAGECLASS: 'manual',
        VOLUMEATTRIBUTESCLASS: '<unset>',
        AGE,
      },
    ]);
    expect(table(await ok(['get', 'pvc', '-n', NS, '-o', 'wide']))).toEqual([expect.objectContaining({ NAME: 'data', VOLUMEMODE: 'Filesystem' })]);
    const live = await ok(['get', 'pvc', 'data', '-n', NS, '-o', 'yaml']);
    expect(live).toContain('  volumeMode: Filesystem\n');
    expect(live).toMatch(/\nstatus:\n {2}phase: Pending\n$/);
  });

  it('ResourceQuota and LimitRange', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: v1
          kind: ResourceQuota
          metadata:
            name: compute
          spec:
            hard:
              pods: "10"
              requests.cpu: "4"
              requests.memory: 8Gi
              limits.memory: 16Gi
          ---
          apiVersion: v1
          kind: LimitRange
          metadata:
            name: defaults
          spec:
            limits:
            - type: Container
              default:
                cpu: 500m
                memory: 256Mi
              defaultRequest:
                cpu: 100m
                memory: 128Mi
        `),
        'policy',
      ),
    ).toBe('resourcequota/compute created\nlimitrange/defaults created\n');

    // The quota controller has not computed hard and used yet, so both cells are empty.
    const quotas = await ok(['get', 'quota', '-n', 'policy']);
    expect(headers(quotas)).toEqual(['NAME', 'REQUEST', 'LIMIT', 'AGE']);
    expect(table(quotas)).toEqual([{ NAME: 'compute', REQUEST: '', LIMIT: '', AGE }]);
    const quota = await ok(['get', 'quota', 'compute', '-n', 'policy', '-o', 'yaml']);
    expect(quota).toContain('spec:\n  hard:\n    limits.memory: 16Gi\n    pods: "10"\n    requests.cpu: "4"\n    requests.memory: 8Gi\n');
    expect(quota).toMatch(/\nstatus: \{\}\n$/);

    const limits = await ok(['get', 'limitranges', '-n', 'policy']);
    expect(headers(limits)).toEqual(['NAME', 'CREATED AT']);
    expect(table(limits)).toEqual([{ NAME: 'defaults', 'CREATED AT': expect.stringMatching(TIMESTAMP) }]);
  });
});

describe('apps/v1', () => {
  const deployment = (replicas: number) =>
    yaml(`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels:
          app: web
      spec:
        replicas: ${replicas}
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
              ports:
              - containerPort: 80
    `);

  it('Deployment: nothing is ready, and the defaults are filled in', async () => {
    expect(await create(deployment(3), NS)).toBe('deployment.apps/web created\n');
    const out = await ok(['get', 'deployments', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'web', READY: '0/3', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE }]);
    const wide = await ok(['get', 'deploy', '-n', NS, '-o', 'wide']);
    expect(headers(wide)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(table(wide)).toEqual([
      { NAME: 'web', READY: '0/3', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE, CONTAINERS: 'nginx', IMAGES: 'nginx:1.27', SELECTOR: 'app=web' },
    ]);

    const live = await ok(['get', 'deploy', 'web', '-n', NS, '-o', 'yaml']);
    expect(live).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
    expect(live).toContain('  generation: 1\n');
    expect(live).toContain(
      [
        'spec:',
        '  progressDeadlineSeconds: 600',
        '  replicas: 3',
        '  revisionHistoryLimit: 10',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  strategy:',
        '    rollingUpdate:',
        '      maxSurge: 25%',
        '      maxUnavailable: 25%',
        '    type: RollingUpdate',
        '',
      ].join('\n'),
    );
    expect(live).toContain(
      [
        '      - image: nginx:1.27',
        '        imagePullPolicy: IfNotPresent',
        '        name: nginx',
        '        ports:',
        '        - containerPort: 80',
        '          protocol: TCP',
        '        resources: {}',
        '        terminationMessagePath: /dev/termination-log',
        '        terminationMessagePolicy: File',
        '      dnsPolicy: ClusterFirst',
        '      restartPolicy: Always',
        '      schedulerName: default-scheduler',
        '      securityContext: {}',
        '      terminationGracePeriodSeconds: 30',
        'status: {}',
        '',
      ].join('\n'),
    );
  });

  it('Deployment: replace -f changes the spec and bumps the generation', async () => {
    expect(await ok(['replace', '-f', '-', '-n', NS], deployment(5))).toBe('deployment.apps/web replaced\n');
    expect(table(await ok(['get', 'deploy', 'web', '-n', NS]))).toEqual([
      { NAME: 'web', READY: '0/5', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE },
    ]);
    expect(await ok(['get', 'deploy', 'web', '-n', NS, '-o', 'jsonpath={.metadata.generation}'])).toBe('2');
  });

  it('ReplicaSet', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: apps/v1
          kind: ReplicaSet
          metadata:
            name: cache
          spec:
            replicas: 2
            selector:
              matchLabels:
                app: cache
            template:
              metadata:
                labels:
                  app: cache
              spec:
                containers:
                - name: redis
                  image: redis:7
        `),
        NS,
      ),
    ).toBe('replicaset.apps/cache created\n');
    const out = await ok(['get', 'replicasets', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'cache', DESIRED: '2', CURRENT: '0', READY: '0', AGE }]);
    const wide = table(await ok(['get', 'rs', '-n', NS, '-o', 'wide']));
    expect(wide).toEqual([expect.objectContaining({ CONTAINERS: 'redis', IMAGES: 'redis:7', SELECTOR: 'app=cache' })]);
    expect(await ok(['get', 'rs', 'cache', '-n', NS, '-o', 'yaml'])).toMatch(/\nstatus:\n {2}replicas: 0\n$/);
  });

  it('StatefulSet', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: apps/v1
          kind: StatefulSet
          metadata:
            name: db
          spec:
            serviceName: db
            replicas: 3
            selector:
              matchLabels:
                app: db
            template:
              metadata:
                labels:
                  app: db
              spec:
                containers:
                - name: postgres
                  image: postgres:16
                  ports:
                  - containerPort: 5432
                  volumeMounts:
                  - name: data
                    mountPath: /var/lib/postgresql/data
            volumeClaimTemplates:
            - metadata:
                name: data
              spec:
                accessModes: ["ReadWriteOnce"]
                resources:
                  requests:
                    storage: 10Gi
        `),
        NS,
      ),
    ).toBe('statefulset.apps/db created\n');
    const out = await ok(['get', 'statefulsets', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'READY', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'db', READY: '0/3', AGE }]);
    const wide = await ok(['get', 'sts', '-n', NS, '-o', 'wide']);
    expect(headers(wide)).toEqual(['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
    expect(table(wide)).toEqual([{ NAME: 'db', READY: '0/3', AGE, CONTAINERS: 'postgres', IMAGES: 'postgres:16' }]);

    const live = await ok(['get', 'sts', 'db', '-n', NS, '-o', 'yaml']);
    expect(live).toContain('  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Retain\n    whenScaled: Retain\n  podManagementPolicy: OrderedReady\n');
    expect(live).toContain('  revisionHistoryLimit: 10\n');
    expect(live).toContain('  updateStrategy:\n    rollingUpdate:\n      partition: 0\n    type: RollingUpdate\n');
    expect(live).toContain(
      [
        '  volumeClaimTemplates:',
        '  - apiVersion: v1',
        '    kind: PersistentVolumeClaim',
        '    metadata:',
        '      name: data',
        '    spec:',
        '      accessModes:',
        '      - ReadWriteOnce',
        '      resources:',
        '        requests:',
        '          storage: 10Gi',
        '      volumeMode: Filesystem',
        '    status:',
        '      phase: Pending',
        'status:',
        '  availableReplicas: 0',
        '  replicas: 0',
        '',
      ].join('\n'),
    );
  });

  it('DaemonSet', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: log-agent
          spec:
            selector:
              matchLabels:
                app: log-agent
            template:
              metadata:
                labels:
                  app: log-agent
              spec:
                nodeSelector:
                  kubernetes.io/os: linux
                containers:
                - name: fluent-bit
                  image: fluent/fluent-bit:3.0
        `),
        NS,
      ),
    ).toBe('daemonset.apps/log-agent created\n');
    const out = await ok(['get', 'daemonsets', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(table(out)).toEqual([
      {
        NAME: 'log-agent',
        DESIRED: '0',
        CURRENT: '0',
        READY: '0',
        'UP-TO-DATE': '0',
        AVAILABLE: '0',
        'NODE SELECTOR': 'kubernetes.io/os=linux',
        AGE,
      },
    ]);
    const wide = table(await ok(['get', 'ds', '-n', NS, '-o', 'wide']));
    expect(wide).toEqual([expect.objectContaining({ CONTAINERS: 'fluent-bit', IMAGES: 'fluent/fluent-bit:3.0', SELECTOR: 'app=log-agent' })]);

    const live = await ok(['get', 'ds', 'log-agent', '-n', NS, '-o', 'yaml']);
    expect(live).toContain('  annotations:\n    deprecated.daemonset.template.generation: "1"\n');
    expect(live).toContain('  revisionHistoryLimit: 10\n');
    expect(live).toContain('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 1\n    type: RollingUpdate\n');
    expect(live).toMatch(/\nstatus:\n {2}currentNumberScheduled: 0\n {2}desiredNumberScheduled: 0\n {2}numberMisscheduled: 0\n {2}numberReady: 0\n$/);
  });
});

describe('batch/v1', () => {
  it('Job: Running with no pods, selector generated from its uid', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: batch/v1
          kind: Job
          metadata:
            name: migrate
          spec:
            template:
              spec:
                restartPolicy: Never
                containers:
                - name: migrate
                  image: busybox:1.36
                  command: ["sh", "-c", "echo migrating"]
        `),
        NS,
      ),
    ).toBe('job.batch/migrate created\n');
    const uid = await ok(['get', 'job', 'migrate', '-n', NS, '-o', 'jsonpath={.metadata.uid}']);
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);

    const out = await ok(['get', 'jobs', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'migrate', STATUS: 'Running', COMPLETIONS: '0/1', DURATION: '', AGE }]);
    const wide = await ok(['get', 'jobs', '-n', NS, '-o', 'wide']);
    expect(headers(wide)).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(table(wide)).toEqual([
      {
        NAME: 'migrate',
        STATUS: 'Running',
        COMPLETIONS: '0/1',
        DURATION: '',
        AGE,
        CONTAINERS: 'migrate',
        IMAGES: 'busybox:1.36',
        SELECTOR: `batch.kubernetes.io/controller-uid=${uid}`,
      },
    ]);

    const live = await ok(['get', 'job', 'migrate', '-n', NS, '-o', 'yaml']);
    expect(live).toContain(
      [
        '  labels:',
        `    batch.kubernetes.io/controller-uid: ${uid}`,
        '    batch.kubernetes.io/job-name: migrate',
        `    controller-uid: ${uid}`,
        '    job-name: migrate',
        '',
      ].join('\n'),
    );
    expect(live).toContain(
      [
        'spec:',
        '  backoffLimit: 6',
        '  completionMode: NonIndexed',
        '  completions: 1',
        '  manualSelector: false',
        '  parallelism: 1',
        '  podReplacementPolicy: TerminatingOrFailed',
        '  selector:',
        '    matchLabels:',
        `      batch.kubernetes.io/controller-uid: ${uid}`,
        '  suspend: false',
        '',
      ].join('\n'),
    );
    expect(live).toContain('      restartPolicy: Never\n');
    expect(live).toMatch(/\nstatus: \{\}\n$/);
  });

  it('CronJob', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: backup
          spec:
            schedule: "0 3 * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: OnFailure
                    containers:
                    - name: backup
                      image: busybox:1.36
                      command: ["sh", "-c", "echo backing up"]
        `),
        NS,
      ),
    ).toBe('cronjob.batch/backup created\n');
    const out = await ok(['get', 'cronjobs', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(table(out)).toEqual([
      { NAME: 'backup', SCHEDULE: '0 3 * * *', TIMEZONE: '<none>', SUSPEND: 'False', ACTIVE: '0', 'LAST SCHEDULE': '<none>', AGE },
    ]);
    const wide = table(await ok(['get', 'cj', '-n', NS, '-o', 'wide']));
    expect(wide).toEqual([expect.objectContaining({ CONTAINERS: 'backup', IMAGES: 'busybox:1.36', SELECTOR: '<none>' })]);

    const live = await ok(['get', 'cj', 'backup', '-n', NS, '-o', 'yaml']);
    expect(live).toContain('spec:\n  concurrencyPolicy: Allow\n  failedJobsHistoryLimit: 1\n  jobTemplate:\n');
    expect(live).toContain('  schedule: 0 3 * * *\n  successfulJobsHistoryLimit: 3\n  suspend: false\nstatus: {}\n');
    expect(live).toContain('          restartPolicy: OnFailure\n          schedulerName: default-scheduler\n');
  });
});

describe('networking.k8s.io/v1, rbac.authorization.k8s.io/v1, storage.k8s.io/v1, coordination.k8s.io/v1, events.k8s.io/v1', () => {
  it('Ingress', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: web
          spec:
            ingressClassName: nginx
            tls:
            - hosts:
              - shop.example.com
              secretName: shop-tls
            rules:
            - host: shop.example.com
              http:
                paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service:
                      name: web
                      port:
                        number: 80
        `),
        NS,
      ),
    ).toBe('ingress.networking.k8s.io/web created\n');
    const out = await ok(['get', 'ingress', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'web', CLASS: 'nginx', HOSTS: 'shop.example.com', ADDRESS: '', PORTS: '80, 443', AGE }]);
    const live = await ok(['get', 'ing', 'web', '-n', NS, '-o', 'yaml']);
    expect(live).toMatch(/^apiVersion: networking\.k8s\.io\/v1\nkind: Ingress\nmetadata:\n/);
    expect(live).toMatch(/\nstatus:\n {2}loadBalancer: \{\}\n$/);
  });

  it('Role and RoleBinding', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata:
            name: config-editor
          rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get", "list", "watch", "create", "update"]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata:
            name: edit-config
          subjects:
          - kind: User
            name: jane
            apiGroup: rbac.authorization.k8s.io
          - kind: ServiceAccount
            name: builder
            namespace: shop
          roleRef:
            kind: Role
            name: config-editor
            apiGroup: rbac.authorization.k8s.io
        `),
        NS,
      ),
    ).toBe('role.rbac.authorization.k8s.io/config-editor created\nrolebinding.rbac.authorization.k8s.io/edit-config created\n');
    const roles = await ok(['get', 'roles', '-n', NS]);
    expect(headers(roles)).toEqual(['NAME', 'CREATED AT']);
    expect(table(roles)).toEqual([{ NAME: 'config-editor', 'CREATED AT': expect.stringMatching(TIMESTAMP) }]);
    const bindings = await ok(['get', 'rolebindings', '-n', NS]);
    expect(headers(bindings)).toEqual(['NAME', 'ROLE', 'AGE']);
    expect(table(bindings)).toEqual([{ NAME: 'edit-config', ROLE: 'Role/config-editor', AGE }]);
    const wide = await ok(['get', 'rolebindings', '-n', NS, '-o', 'wide']);
    expect(headers(wide)).toEqual(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    expect(table(wide)).toEqual([
      { NAME: 'edit-config', ROLE: 'Role/config-editor', AGE, USERS: 'jane', GROUPS: '', SERVICEACCOUNTS: 'shop/builder' },
    ]);
  });

  it('ClusterRole and ClusterRoleBinding', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata:
            name: pod-reader
          rules:
          - apiGroups: [""]
            resources: ["pods", "pods/log"]
            verbs: ["get", "list", "watch"]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata:
            name: read-pods
          subjects:
          - kind: Group
            name: developers
            apiGroup: rbac.authorization.k8s.io
          roleRef:
            kind: ClusterRole
            name: pod-reader
            apiGroup: rbac.authorization.k8s.io
        `),
      ),
    ).toBe('clusterrole.rbac.authorization.k8s.io/pod-reader created\nclusterrolebinding.rbac.authorization.k8s.io/read-pods created\n');
    const role = await ok(['get', 'clusterrole', 'pod-reader']);
    expect(headers(role)).toEqual(['NAME', 'CREATED AT']);
    expect(table(role)).toEqual([{ NAME: 'pod-reader', 'CREATED AT': expect.stringMatching(TIMESTAMP) }]);
    const binding = await ok(['get', 'clusterrolebinding', 'read-pods', '-o', 'wide']);
    expect(headers(binding)).toEqual(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    expect(table(binding)).toEqual([
      { NAME: 'read-pods', ROLE: 'ClusterRole/pod-reader', AGE, USERS: '', GROUPS: 'developers', SERVICEACCOUNTS: '' },
    ]);
  });

  it('StorageClass', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: storage.k8s.io/v1
          kind: StorageClass
          metadata:
            name: fast
          provisioner: kubernetes.io/no-provisioner
          volumeBindingMode: WaitForFirstConsumer
        `),
      ),
    ).toBe('storageclass.storage.k8s.io/fast created\n');
    const out = await ok(['get', 'storageclasses']);
    expect(headers(out)).toEqual(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    expect(table(out)).toEqual([
      {
        NAME: 'fast',
        PROVISIONER: 'kubernetes.io/no-provisioner',
        RECLAIMPOLICY: 'Delete',
        VOLUMEBINDINGMODE: 'WaitForFirstConsumer',
        ALLOWVOLUMEEXPANSION: 'false',
        AGE,
      },
    ]);
    await create(
      yaml(`
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: standard
          annotations:
            storageclass.kubernetes.io/is-default-class: "true"
        provisioner: example.com/ssd
      `),
    );
    expect(table(await ok(['get', 'sc', 'standard'])).map((row) => row['NAME'])).toEqual(['standard (default)']);
    await ok(['delete', 'sc', 'standard']);
    expect(await ok(['get', 'sc', 'fast', '-o', 'yaml'])).toMatch(
      /\nprovisioner: kubernetes\.io\/no-provisioner\nreclaimPolicy: Delete\nvolumeBindingMode: WaitForFirstConsumer\n$/,
    );
  });

  it('Lease', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: coordination.k8s.io/v1
          kind: Lease
          metadata:
            name: shop-controller
          spec:
            holderIdentity: shop-controller-7d9f8
            leaseDurationSeconds: 15
        `),
        NS,
      ),
    ).toBe('lease.coordination.k8s.io/shop-controller created\n');
    const out = await ok(['get', 'leases', '-n', NS]);
    expect(headers(out)).toEqual(['NAME', 'HOLDER', 'AGE']);
    expect(table(out)).toEqual([{ NAME: 'shop-controller', HOLDER: 'shop-controller-7d9f8', AGE }]);
  });

  it('Event (events.k8s.io/v1)', async () => {
    expect(
      await create(
        yaml(`
          apiVersion: events.k8s.io/v1
          kind: Event
          metadata:
            name: web.1800a1b2c3d4e5f7
          eventTime: "${microTimeNow()}"
          reportingController: kubelet
          reportingInstance: worker-1
          action: Pulling
          reason: Pulling
          note: Pulling image "busybox"
          type: Normal
          regarding:
            apiVersion: v1
            kind: Pod
            name: web
            namespace: shop
            fieldPath: spec.containers{log-shipper}
        `),
        NS,
      ),
    ).toBe('event.events.k8s.io/web.1800a1b2c3d4e5f7 created\n');
    const out = await ok(['get', 'events.events.k8s.io', '-n', NS]);
    expect(headers(out)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(table(out)).toContainEqual({ 'LAST SEEN': AGE, TYPE: 'Normal', REASON: 'Pulling', OBJECT: 'pod/web', MESSAGE: 'Pulling image "busybox"' });
    const wide = table(await ok(['get', 'events.events.k8s.io', 'web.1800a1b2c3d4e5f7', '-n', NS, '-o', 'wide']));
    expect(wide).toEqual([
      expect.objectContaining({ SUBOBJECT: 'spec.containers{log-shipper}', SOURCE: 'kubelet, worker-1', 'FIRST SEEN': AGE, COUNT: '1', NAME: 'web.1800a1b2c3d4e5f7' }),
    ]);
  });
});

describe('across kinds', () => {
  it('get -A adds NAMESPACE to each kind', async () => {
    const out = sections(await ok(['get', 'deployments,statefulsets,configmaps', '-A']));
    expect(out).toHaveLength(3);
    expect(headers(out[0] ?? '')).toEqual(['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(table(out[0] ?? '')).toEqual([{ NAMESPACE: 'shop', NAME: 'deployment.apps/web', READY: '0/5', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE }]);
    expect(table(out[1] ?? '')).toEqual([{ NAMESPACE: 'shop', NAME: 'statefulset.apps/db', READY: '0/3', AGE }]);
    expect(table(out[2] ?? '')).toContainEqual({ NAMESPACE: 'shop', NAME: 'configmap/web-config', DATA: '2', AGE });

    const services = table(await ok(['get', 'svc', '-A']));
    expect(services.map((row) => [row['NAMESPACE'], row['NAME']])).toEqual(
      expect.arrayContaining([
        ['shop', 'db'],
        ['shop', 'payments'],
        ['shop', 'web'],
        ['shop', 'web-public'],
      ]),
    );
    expect(table(await ok(['get', 'pods', '-A']))).toEqual([
      { NAMESPACE: 'shop', NAME: 'web', READY: '0/2', STATUS: 'Pending', RESTARTS: '0', AGE },
    ]);
  });

  it('get all lists the kinds of the "all" category, one table each', async () => {
    const out = sections(await ok(['get', 'all', '-n', NS]));
    expect(out.map((section) => headers(section))).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
      ['NAME', 'READY', 'AGE'],
      ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
      ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    ]);
    expect(out.map((section) => table(section).map((row) => row['NAME']))).toEqual([
      ['pod/web'],
      ['service/db', 'service/payments', 'service/web', 'service/web-public'],
      ['daemonset.apps/log-agent'],
      ['deployment.apps/web'],
      ['replicaset.apps/cache'],
      ['statefulset.apps/db'],
      ['cronjob.batch/backup'],
      ['job.batch/migrate'],
    ]);
    expect(table(out[0] ?? '')).toEqual([{ NAME: 'pod/web', READY: '0/2', STATUS: 'Pending', RESTARTS: '0', AGE }]);
  });

  it('api-resources lists every built-in kind as a real cluster does', async () => {
    const out = await ok(['api-resources']);
    expect(headers(out)).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    const rows = table(out).map((row) => [row['NAME'], row['SHORTNAMES'], row['APIVERSION'], row['NAMESPACED'], row['KIND']]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['configmaps', 'cm', 'v1', 'true', 'ConfigMap'],
        ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
        ['events', 'ev', 'v1', 'true', 'Event'],
        ['limitranges', 'limits', 'v1', 'true', 'LimitRange'],
        ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
        ['nodes', 'no', 'v1', 'false', 'Node'],
        ['persistentvolumeclaims', 'pvc', 'v1', 'true', 'PersistentVolumeClaim'],
        ['persistentvolumes', 'pv', 'v1', 'false', 'PersistentVolume'],
        ['pods', 'po', 'v1', 'true', 'Pod'],
        ['resourcequotas', 'quota', 'v1', 'true', 'ResourceQuota'],
        ['secrets', '', 'v1', 'true', 'Secret'],
        ['serviceaccounts', 'sa', 'v1', 'true', 'ServiceAccount'],
        ['services', 'svc', 'v1', 'true', 'Service'],
        ['daemonsets', 'ds', 'apps/v1', 'true', 'DaemonSet'],
        ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
        ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet'],
        ['statefulsets', 'sts', 'apps/v1', 'true', 'StatefulSet'],
        ['cronjobs', 'cj', 'batch/v1', 'true', 'CronJob'],
        ['jobs', '', 'batch/v1', 'true', 'Job'],
        ['leases', '', 'coordination.k8s.io/v1', 'true', 'Lease'],
        ['events', 'ev', 'events.k8s.io/v1', 'true', 'Event'],
        ['ingresses', 'ing', 'networking.k8s.io/v1', 'true', 'Ingress'],
        ['ipaddresses', '', 'networking.k8s.io/v1', 'false', 'IPAddress'],
        ['servicecidrs', '', 'networking.k8s.io/v1', 'false', 'ServiceCIDR'],
        ['clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRoleBinding'],
        ['clusterroles', '', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRole'],
        ['rolebindings', '', 'rbac.authorization.k8s.io/v1', 'true', 'RoleBinding'],
        ['roles', '', 'rbac.authorization.k8s.io/v1', 'true', 'Role'],
        ['storageclasses', 'sc', 'storage.k8s.io/v1', 'false', 'StorageClass'],
      ]),
    );
    // Core first, then the groups by name, each group's resources by name.
    const names = rows.map((row) => `${row[0]}.${row[2]}`);
    expect(names.indexOf('pods.v1')).toBeLessThan(names.indexOf('daemonsets.apps/v1'));
    expect(names.indexOf('daemonsets.apps/v1')).toBeLessThan(names.indexOf('deployments.apps/v1'));
    expect(names.indexOf('jobs.batch/v1')).toBeLessThan(names.indexOf('storageclasses.storage.k8s.io/v1'));

    const wide = table(await ok(['api-resources', '-o', 'wide']));
    const verbs = (name: string, version: string) => wide.find((row) => row['NAME'] === name && row['APIVERSION'] === version);
    expect(verbs('pods', 'v1')).toMatchObject({ VERBS: 'create,delete,deletecollection,get,list,patch,update,watch', CATEGORIES: 'all' });
    expect(verbs('namespaces', 'v1')).toMatchObject({ VERBS: 'create,delete,get,list,patch,update,watch', CATEGORIES: '' });
    expect(verbs('deployments', 'apps/v1')).toMatchObject({ CATEGORIES: 'all' });
    expect(verbs('configmaps', 'v1')).toMatchObject({ CATEGORIES: '' });
    expect(verbs('replicationcontrollers', 'v1')).toMatchObject({ SHORTNAMES: 'rc', CATEGORIES: 'all' });
    expect(verbs('apiservices', 'apiregistration.k8s.io/v1')).toMatchObject({ CATEGORIES: 'api-extensions' });

    expect(await ok(['api-resources', '--api-group=apps', '-o', 'name'])).toBe(
      'controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n',
    );
  });

  it('api-versions includes every served group', async () => {
    const versions = (await ok(['api-versions'])).split('\n');
    for (const version of [
      'apps/v1',
      'batch/v1',
      'coordination.k8s.io/v1',
      'events.k8s.io/v1',
      'networking.k8s.io/v1',
      'rbac.authorization.k8s.io/v1',
      'storage.k8s.io/v1',
      'v1',
    ]) {
      expect(versions).toContain(version);
    }
  });

  it('explain pod.spec.containers and deployment.spec', async () => {
    const containers = await ok(['explain', 'pod.spec.containers']);
    expect(containers).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: containers <\[\]Container>\n/);
    for (const line of [
      '  args\t<[]string>\n',
      '  command\t<[]string>\n',
      '  env\t<[]EnvVar>\n',
      '  image\t<string>\n',
      '  name\t<string> -required-\n',
      '  ports\t<[]ContainerPort>\n',
      '  resources\t<ResourceRequirements>\n',
      '  volumeMounts\t<[]VolumeMount>\n',
    ]) {
      expect(containers).toContain(line);
    }

    const spec = await ok(['explain', 'deployment.spec']);
    expect(spec).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: spec <DeploymentSpec>\n/);
    const fields = [...spec.matchAll(/^ {2}(\w+)\t<([^>]+)>(.*)$/gm)].map((match) => `${match[1]} <${match[2]}>${match[3]}`);
    expect(fields).toEqual([
      'minReadySeconds <integer>',
      'paused <boolean>',
      'progressDeadlineSeconds <integer>',
      'replicas <integer>',
      'revisionHistoryLimit <integer>',
      'selector <LabelSelector> -required-',
      'strategy <DeploymentStrategy>',
      'template <PodTemplateSpec> -required-',
    ]);
  });
});

describe('invalid objects, worded as the real server words them', () => {
  it('a Pod without containers', async () => {
    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: v1
        kind: Pod
        metadata:
          name: empty
        spec:
          containers: []
      `),
    );
    expect(stderr).toBe('The Pod "empty" is invalid: spec.containers: Required value\n');
  });

  it('a container without a name', async () => {
    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: v1
        kind: Pod
        metadata:
          name: anonymous
        spec:
          containers:
          - image: nginx:1.27
      `),
    );
    expect(stderr).toBe('The Pod "anonymous" is invalid: spec.containers[0].name: Required value\n');
  });

  it('a Deployment whose selector does not match its template labels', async () => {
    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: api
          template:
            metadata:
              labels:
                app: api-server
            spec:
              containers:
              - name: api
                image: example/api:2.1
      `),
    );
    expect(stderr).toBe(
      'The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: {"app":"api-server"}: `selector` does not match template `labels`\n',
    );
  });

  it('a Service without ports', async () => {
    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
        spec:
          selector:
            app: api
      `),
    );
    expect(stderr).toBe('The Service "api" is invalid: spec.ports: Required value\n');
  });

  it('a Service name that is not a DNS-1035 label', async () => {
    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: v1
        kind: Service
        metadata:
          name: 2fa-api
        spec:
          selector:
            app: api
          ports:
          - port: 80
      `),
    );
    expect(stderr).toBe(
      `The Service "2fa-api" is invalid: metadata.name: Invalid value: "2fa-api": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`,
    );
  });

  it('a Job that would restart its pods Always', async () => {
    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: once
        spec:
          template:
            spec:
              containers:
              - name: once
                image: busybox:1.36
      `),
    );
    expect(stderr).toBe('The Job "once" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n');
  });

  it('a misspelled field deep in a Deployment, under strict field validation', async () => {
    const stderr = await fails(
      ['create', '-f', '-', '-n', NS],
      yaml(`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: typo
        spec:
          selector:
            matchLabels:
              app: typo
          template:
            metadata:
              labels:
                app: typo
            spec:
              containers:
              - name: web
                image: nginx:1.27
                imagePullpolicy: Always
      `),
    );
    expect(stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullpolicy"\n',
    );
  });
});

describe('delete', () => {
  it('namespaced objects name their namespace', async () => {
    expect(await ok(['delete', 'pod', 'web', '-n', NS])).toBe('pod "web" deleted from shop namespace\n');
    expect(await run(['get', 'pods', '-n', NS])).toEqual({ code: 0, stdout: '', stderr: 'No resources found in shop namespace.\n' });
    expect(await ok(['delete', 'deployment', 'web', '-n', NS])).toBe('deployment.apps "web" deleted from shop namespace\n');
    expect(await ok(['delete', 'svc', 'web', 'web-public', '-n', NS])).toBe(
      'service "web" deleted from shop namespace\nservice "web-public" deleted from shop namespace\n',
    );
    expect(await ok(['delete', 'rolebinding', 'edit-config', '-n', NS])).toBe(
      'rolebinding.rbac.authorization.k8s.io "edit-config" deleted from shop namespace\n',
    );
    expect(await ok(['delete', 'events.events.k8s.io', 'web.1800a1b2c3d4e5f7', '-n', NS])).toBe(
      'event.events.k8s.io "web.1800a1b2c3d4e5f7" deleted from shop namespace\n',
    );
    expect(await ok(['delete', 'rs/cache', 'sts/db', 'ds/log-agent', 'job/migrate', 'cj/backup', 'ing/web', 'lease/shop-controller', '-n', NS])).toBe(
      [
        'replicaset.apps "cache" deleted from shop namespace',
        'statefulset.apps "db" deleted from shop namespace',
        'daemonset.apps "log-agent" deleted from shop namespace',
        'job.batch "migrate" deleted from shop namespace',
        'cronjob.batch "backup" deleted from shop namespace',
        'ingress.networking.k8s.io "web" deleted from shop namespace',
        'lease.coordination.k8s.io "shop-controller" deleted from shop namespace',
        '',
      ].join('\n'),
    );
    expect(await ok(['delete', 'cm/web-config', 'secret/web-creds', 'sa/builder', '-n', NS])).toBe(
      [
        'configmap "web-config" deleted from shop namespace',
        'secret "web-creds" deleted from shop namespace',
        'serviceaccount "builder" deleted from shop namespace',
        '',
      ].join('\n'),
    );
    expect(await ok(['delete', 'quota/compute', 'limits/defaults', '-n', 'policy'])).toBe(
      'resourcequota "compute" deleted from policy namespace\nlimitrange "defaults" deleted from policy namespace\n',
    );
    const gone = await run(['get', 'deployment', 'web', '-n', NS]);
    expect(gone).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n' });
  });

  it('cluster-scoped objects do not', async () => {
    expect(await ok(['delete', 'clusterrolebinding', 'read-pods'])).toBe('clusterrolebinding.rbac.authorization.k8s.io "read-pods" deleted\n');
    expect(await ok(['delete', 'clusterrole', 'pod-reader'])).toBe('clusterrole.rbac.authorization.k8s.io "pod-reader" deleted\n');
    expect(await ok(['delete', 'storageclass', 'fast'])).toBe('storageclass.storage.k8s.io "fast" deleted\n');
    expect(await ok(['delete', 'node', 'worker-1'])).toBe('node "worker-1" deleted\n');
    expect(await ok(['delete', 'namespace', 'policy'])).toBe('namespace "policy" deleted\n');
    const gone = await run(['get', 'node', 'worker-1']);
    expect(gone).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): nodes "worker-1" not found\n' });
  });

  it('delete -f names what the manifest named', async () => {
    const manifest = yaml(`
      apiVersion: v1
      kind: Service
      metadata:
        name: db
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: payments
    `);
    expect(await ok(['delete', '-f', '-', '-n', NS], manifest)).toBe(
      'service "db" deleted from shop namespace\nservice "payments" deleted from shop namespace\n',
    );
  });
});
