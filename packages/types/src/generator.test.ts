import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../scripts/generator/index.js';

const packageDir = resolve(import.meta.dirname, '..');
const factsPath = resolve(
  process.env.K8S_API_FACTS ?? join(packageDir, '../../../shared/k8s-api-facts/types.json'),
);

const tmp = mkdtempSync(join(tmpdir(), 'kubekit-types-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function inputFile(groups: object): string {
  const path = join(tmp, `input-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ groups }));
  return path;
}

// A tiny types.json in the shape of k8s-api-facts: two API packages, meta/v1 and intstr.
const SMALL = {
  'k8s.io/api/widgets/v1': {
    Widget: {
      genclient: true,
      fields: [
        { go: 'TypeMeta', inline: true, type: 'metav1.TypeMeta' },
        { go: 'ObjectMeta', json: 'metadata', optional: true, proto: 1, type: 'metav1.ObjectMeta', wire: 'bytes' },
        { go: 'Spec', json: 'spec', optional: true, proto: 2, type: 'WidgetSpec', wire: 'bytes' },
      ],
    },
    WidgetSpec: {
      fields: [
        { go: 'Parts', json: 'parts', proto: 1, type: '[]Part', wire: 'bytes', patchStrategy: 'merge', patchMergeKey: 'name' },
        { go: 'Mode', json: 'mode', optional: true, proto: 2, type: '*Mode', wire: 'bytes' },
        { go: 'Count', json: 'count', optional: true, proto: 3, type: '*int32', wire: 'bytes' },
        { go: 'Port', json: 'port', optional: true, proto: 4, type: 'intstr.IntOrString', wire: 'bytes' },
        { go: 'Owner', json: 'owner', optional: true, proto: 5, type: '*v1.Gadget', wire: 'bytes' },
        { go: 'Since', json: 'since', optional: true, proto: 6, type: 'metav1.Time', wire: 'bytes' },
        { go: 'Later', json: 'later', optional: true, proto: 7, type: '*future.Thing', wire: 'bytes' },
        { go: 'Hidden', json: '-', type: 'string' },
      ],
    },
    Part: { fields: [{ go: 'Name', json: 'name', proto: 1, type: 'string', wire: 'bytes' }] },
  },
  'k8s.io/api/gadgets/v1': {
    Gadget: { genclient: true, clusterScoped: true, fields: [{ go: 'TypeMeta', inline: true, type: 'metav1.TypeMeta' }] },
  },
  'k8s.io/apimachinery/pkg/apis/meta/v1': {
    TypeMeta: {
      fields: [
        { go: 'Kind', json: 'kind', optional: true, proto: 1, type: 'string', wire: 'bytes' },
        { go: 'APIVersion', json: 'apiVersion', optional: true, proto: 2, type: 'string', wire: 'bytes' },
      ],
    },
    ObjectMeta: { fields: [{ go: 'Name', json: 'name', optional: true, proto: 1, type: 'string', wire: 'bytes' }] },
    Time: { fields: [{ go: 'Time', inline: true, type: 'time.Time' }] },
  },
  'k8s.io/apimachinery/pkg/util/intstr': {
    IntOrString: { fields: [{ go: 'Type', json: 'Type', proto: 1, type: 'Type', wire: 'varint' }] },
  },
};

describe('generate', () => {
  const small = generate(inputFile(SMALL));
  const table = small.files.get('facts-table.ts')!;

  it('writes a facts table and one interface file per package', () => {
    expect([...small.files.keys()].sort()).toEqual([
      'facts-table.ts',
      'types/gadgets-v1.ts',
      'types/index.ts',
      'types/intstr.ts',
      'types/meta-v1.ts',
      'types/resource.ts',
      'types/runtime.ts',
      'types/widgets-v1.ts',
    ]);
    expect(table).toContain('widgetsv1: {"path":"k8s.io/api/widgets/v1","goName":"v1","group":"widgets.k8s.io","version":"v1"}');
  });

  it('resolves types, import aliases and the wire types the Go types imply', () => {
    expect(table).toContain('"Widget": [5, [["TypeMeta","metav1.TypeMeta",4], ["metadata","metav1.ObjectMeta",1,1], ["spec","WidgetSpec",1,2]]]');
    expect(table).toContain('["parts","[]Part",0,1,"merge","name"]');
    expect(table).toContain('["mode","string",3,2,"","","v1.Mode"]');
    expect(table).toContain('["port","int-or-string",1,4]');
    // `v1.Gadget` is a struct only in gadgets/v1, so that is what `v1` imports here.
    expect(table).toContain('["owner","gadgetsv1.Gadget",3,5]');
    expect(table).toContain('["since","time",1,6]');
    expect(table).toContain('["later","raw",3,7,"","","future.Thing"]');
    expect(table).toContain('["Hidden","string",8]');
    expect(table).toContain('"Gadget": [7, [["TypeMeta","metav1.TypeMeta",4]]]');
    expect(small.notes.external).toEqual(['future.Thing']);
    expect(small.notes.namedStrings).toEqual(['widgetsv1.Mode']);
    expect(small.notes.wireCorrections).toEqual(['widgetsv1.WidgetSpec.Count (*int32): bytes → varint']);
  });

  it('writes interfaces with embedded fields flattened and special types aliased', () => {
    expect(small.files.get('types/widgets-v1.ts')).toContain(
      [
        'export interface WidgetSpec {',
        '  parts: Part[];',
        '  mode?: string;',
        '  count?: number;',
        '  port?: intstr.IntOrString;',
        '  owner?: gadgetsv1.Gadget;',
        '  since?: metav1.Time;',
        '  later?: runtime.RawExtension;',
        '}',
      ].join('\n'),
    );
    expect(small.files.get('types/widgets-v1.ts')).toContain('export interface Widget {\n  kind?: string;\n  apiVersion?: string;\n  metadata?: metav1.ObjectMeta;');
    expect(small.files.get('types/meta-v1.ts')).toContain('export type Time = string;');
    expect(small.files.get('types/index.ts')).toContain("  'widgets.k8s.io/v1': {\n    Widget: widgetsv1.Widget;\n  };");
  });

  it('rejects input that is not a facts file', () => {
    expect(() => generate(inputFile([]))).toThrow('expected an object with "groups"');
  });
});

describe.skipIf(!existsSync(factsPath))('generate from k8s-api-facts', () => {
  // In beforeAll, not in the describe body: a skipped describe still runs its body while collecting.
  let first: ReturnType<typeof generate>;
  beforeAll(() => {
    first = generate(factsPath);
  });

  it('is deterministic', () => {
    const second = generate(factsPath);
    expect([...second.files.entries()]).toEqual([...first.files.entries()]);
  });

  it('matches the committed src/generated (run scripts/generate.ts after changing the generator)', () => {
    const generatedDir = join(packageDir, 'src/generated');
    const committed = readdirSync(generatedDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(generatedDir, join(entry.parentPath, entry.name)))
      // The apply markers and descriptions come from the Go sources, by scripts/generate-apply-markers.ts.
      .filter((name) => name !== 'apply-markers.ts' && name !== 'descriptions.ts')
      .sort();
    expect(committed).toEqual([...first.files.keys()].sort());
    for (const [name, content] of first.files) {
      expect(readFileSync(join(generatedDir, name), 'utf8'), name).toBe(content);
    }
  });

  it('stays small', () => {
    const bytes = [...first.files.values()].reduce((sum, content) => sum + Buffer.byteLength(content), 0);
    expect(bytes).toBeLessThan(1024 * 1024);
  });
});
