import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { specialKindOf } from '../facts/special-types.js';
import { openApiPrefix, type RawStructs } from '../facts/table-format.js';
import { FACTS_PACKAGES, FACTS_STRUCTS } from '../generated/facts-table.js';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from './index.js';
import { messagePlanOf, type ValueCodec } from './plan.js';

// Checks the codec against the upstream generated.proto files (read in place, never copied into
// the project): every field number, shape and type the plans derive from the facts table, and
// bytes exchanged with protobufjs' own reflection-based codec built from those files.
const packageDir = resolve(import.meta.dirname, '../..');
const factsPath = process.env.K8S_API_FACTS ?? join(packageDir, '../../../shared/k8s-api-facts/types.json');
const protoDir = join(dirname(resolve(factsPath)), 'proto');

function loadProtos(): protobuf.Root {
  const root = new protobuf.Root();
  const files = (readdirSync(protoDir, { recursive: true }) as string[]).filter((f) => f.endsWith('generated.proto'));
  // Parsed one by one and resolved lazily: batch/v1 imports scheduling/v1alpha3, which is not among the files.
  for (const file of files) protobuf.parse(readFileSync(join(protoDir, file), 'utf8'), root, { keepCase: true });
  return root;
}

const APIMACHINERY = 'k8s.io.apimachinery.pkg';
const SPECIAL_MESSAGES: Record<string, string> = {
  quantity: `${APIMACHINERY}.api.resource.Quantity`,
  'int-or-string': `${APIMACHINERY}.util.intstr.IntOrString`,
  time: `${APIMACHINERY}.apis.meta.v1.Time`,
  'micro-time': `${APIMACHINERY}.apis.meta.v1.MicroTime`,
  raw: `${APIMACHINERY}.runtime.RawExtension`,
  'fields-v1': `${APIMACHINERY}.apis.meta.v1.FieldsV1`,
};

/** `io.k8s.api.core.v1.Pod` → `k8s.io.api.core.v1.Pod`. */
function protoName(id: string): string {
  return id.replace(/^io\.k8s\./, 'k8s.io.');
}

/** The protobuf type a codec stands for: a scalar's name or a message's full name. */
function expectedType(codec: ValueCodec): string {
  if (codec.kind === 'message') return protoName(codec.id);
  if (codec.kind === 'boolean') return 'bool';
  return SPECIAL_MESSAGES[codec.kind] ?? codec.kind;
}

function allStructIds(): string[] {
  return Object.entries(FACTS_PACKAGES).flatMap(([alias, pkg]) =>
    Object.keys(JSON.parse(FACTS_STRUCTS[alias]!) as RawStructs).map((name) => `${openApiPrefix(pkg.path)}.${name}`),
  );
}

function layout(type: protobuf.Type): string[] {
  return type.fieldsArray.map((f) => `${f.id} ${f.repeated ? 'repeated ' : ''}${f.type} ${f.name}`);
}

describe.skipIf(!existsSync(protoDir))('the codec against upstream generated.proto', () => {
  const root = existsSync(protoDir) ? loadProtos() : new protobuf.Root();

  it('agrees on every field of every struct of the facts table', () => {
    const mismatches: string[] = [];
    const notInPlans: string[] = [];
    let messages = 0;
    let fields = 0;
    // The special types' structs (Time, Quantity, …) have codecs of their own, checked below.
    for (const id of allStructIds().filter((id) => specialKindOf(id) === undefined)) {
      const plan = messagePlanOf(id);
      const message = root.lookup(protoName(id));
      if (!(message instanceof protobuf.Type)) {
        if (plan.fields.length > 0) mismatches.push(`${id}: no message in generated.proto`);
        continue;
      }
      messages++;
      for (const field of plan.fields) {
        fields++;
        const upstream = message.fieldsById[field.number];
        if (!upstream) {
          mismatches.push(`${id}.${field.name}: no field ${field.number}`);
          continue;
        }
        upstream.resolve();
        const type = upstream.resolvedType ? upstream.resolvedType.fullName.slice(1) : upstream.type;
        const shape = upstream.map ? 'map' : upstream.repeated ? 'repeated' : 'single';
        const keyOk = !(upstream instanceof protobuf.MapField) || upstream.keyType === 'string';
        if (field.value.kind === 'string-list') {
          // Named string lists are `message { repeated string items = 1; }`.
          const wrapper = upstream.resolvedType as protobuf.Type;
          if (shape !== field.shape || !keyOk || layout(wrapper).join() !== '1 repeated string items') {
            mismatches.push(`${id}.${field.name}: ${shape} ${type} {${layout(wrapper).join('; ')}}`);
          }
        } else if (shape !== field.shape || type !== expectedType(field.value) || !keyOk) {
          mismatches.push(`${id}.${field.name}: ours ${field.shape} ${expectedType(field.value)}, upstream ${shape} ${type}`);
        }
      }
      for (const upstream of message.fieldsArray) {
        if (!plan.byNumber.has(upstream.id)) notInPlans.push(`${id}.${upstream.name}`);
      }
    }
    console.log(`protobuf plans checked against generated.proto: ${messages} messages, ${fields} fields`);
    expect(mismatches).toEqual([]);
    // Only the fields typed by packages outside the facts (scheduling/v1alpha3) are left out.
    expect(notInPlans).toEqual([
      'io.k8s.api.batch.v1.JobSchedulingConfiguration.schedulingPolicy',
      'io.k8s.api.batch.v1.JobSchedulingConfiguration.schedulingConstraints',
      'io.k8s.api.batch.v1.JobSchedulingConfiguration.disruptionMode',
      'io.k8s.api.batch.v1.JobSchedulingConfiguration.resourceClaims',
    ]);
  });

  it('has the layouts of the envelope and the special types the codec writes by hand', () => {
    const of = (name: string) => layout(root.lookupType(`${APIMACHINERY}.${name}`));
    expect(of('runtime.Unknown')).toEqual(['1 TypeMeta typeMeta', '2 bytes raw', '3 string contentEncoding', '4 string contentType']);
    expect(of('runtime.TypeMeta')).toEqual(['1 string apiVersion', '2 string kind']);
    expect(of('runtime.RawExtension')).toEqual(['1 bytes raw']);
    expect(of('apis.meta.v1.FieldsV1')).toEqual(['1 bytes Raw']);
    expect(of('apis.meta.v1.Time')).toEqual(['1 int64 seconds', '2 int32 nanos']);
    expect(of('apis.meta.v1.MicroTime')).toEqual(['1 int64 seconds', '2 int32 nanos']);
    expect(of('api.resource.Quantity')).toEqual(['1 string string']);
    expect(of('util.intstr.IntOrString')).toEqual(['1 int64 type', '2 int32 intVal', '3 string strVal']);
  });

  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: '2026-11-23T15:04:05Z' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '500m' } }, ports: [{ containerPort: 80 }] }],
          securityContext: { runAsUser: -1, supplementalGroups: [1000, 2000] },
        },
      },
    },
  };

  it("writes what protobufjs' codec for the upstream messages reads", () => {
    const bytes = encodeKubernetesProtobuf(deployment);
    const envelope = root.lookupType(`${APIMACHINERY}.runtime.Unknown`).decode(bytes.subarray(4));
    const { typeMeta, raw } = envelope.toJSON() as { typeMeta: object; raw: string };
    expect(typeMeta).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment' });
    const type = root.lookupType('k8s.io.api.apps.v1.Deployment');
    const message = type.toObject(type.decode(Buffer.from(raw, 'base64')), { longs: Number, defaults: false });
    expect(message).toEqual({
      metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: { seconds: 1795446245, nanos: 0 } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: { type: 1, intVal: 0, strVal: '25%' }, maxUnavailable: { type: 0, intVal: 1, strVal: '' } },
        },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'web', image: 'nginx', resources: { limits: { cpu: { string: '500m' } } }, ports: [{ containerPort: 80 }] },
            ],
            securityContext: { runAsUser: -1, supplementalGroups: [1000, 2000] },
          },
        },
      },
    });
  });

  it("reads what protobufjs' codec for the upstream messages writes", () => {
    const type = root.lookupType('k8s.io.api.apps.v1.Deployment');
    const raw = type
      .encode(
        type.fromObject({
          metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: { seconds: 1795446245 } },
          spec: {
            replicas: 3,
            selector: { matchLabels: { app: 'web' } },
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: { type: 1, strVal: '25%' }, maxUnavailable: { type: 0, intVal: 1 } } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: {
                containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: { string: '500m' } } }, ports: [{ containerPort: 80 }] }],
                securityContext: { runAsUser: -1, supplementalGroups: [1000, 2000] },
              },
            },
          },
        }),
      )
      .finish();
    const unknown = root.lookupType(`${APIMACHINERY}.runtime.Unknown`);
    const body = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion: 'apps/v1', kind: 'Deployment' }, raw })).finish();
    const bytes = new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...body]);
    expect(decodeKubernetesProtobuf(bytes).object).toEqual(deployment);
  });
});
