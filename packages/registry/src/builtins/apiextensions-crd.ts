import { type FieldError, StatusError, fieldForbidden, fieldInvalid, fieldRequired, fieldNotSupported } from '@kubekit/apimachinery';
import type { AdmissionPlugin } from '../admission.js';
import type { KubeObject } from '../kube-object.js';
import type { PrinterColumn } from '../printer-columns.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { formatTime } from '../object-meta.js';
import { patternOf } from '../structural-schema.js';

export interface CustomResourceNames {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CustomResourceVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  additionalPrinterColumns?: PrinterColumn[];
  schema?: { openAPIV3Schema?: unknown };
  subresources?: { status?: Record<string, never>; scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string } };
}

export interface CustomResourceDefinition extends KubeObject {
  spec?: { group?: string; names?: CustomResourceNames; scope?: string; versions?: CustomResourceVersion[] };
  status?: {
    conditions?: { type: string; status: string; lastTransitionTime: string; reason: string; message: string }[];
    acceptedNames?: CustomResourceNames;
    storedVersions?: string[];
  };
}

const SCOPES = ['Cluster', 'Namespaced'];
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * What this server cannot honour in a schema, refused rather than accepted and ignored: CEL
 * rules (`x-kubernetes-validations`; no CEL evaluator is built in, and a rule a server silently
 * skips lets invalid objects in) and a `pattern` that is not a regular expression.
 */
function schemaProblems(schema: unknown, path: string): FieldError[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap((item, i) => schemaProblems(item, `${path}[${i}]`));
  return Object.entries(schema).flatMap(([key, value]): FieldError[] => {
    if (key === 'x-kubernetes-validations') return [fieldForbidden(`${path}.x-kubernetes-validations`, 'CEL validation rules are not supported by this server (kubekit)')];
    if (key === 'pattern' && typeof value === 'string') {
      try {
        patternOf(value);
      } catch (error) {
        return [fieldInvalid(`${path}.pattern`, value, `must be a valid regular expression, but isn't: ${(error as Error).message}`)];
      }
      return [];
    }
    if (key === 'properties' && isRecord(value)) return Object.entries(value).flatMap(([name, property]) => schemaProblems(property, `${path}.properties[${name}]`));
    return schemaProblems(value, `${path}.${key}`);
  });
}

/**
 * The structural schema rules (apiextensions' validateStructuralCompleteness, in short): an
 * object at the root, and a type on every property and list item unless it is an int-or-string
 * or keeps unknown fields.
 */
function structuralProblems(schema: unknown, path: string, where: 'root' | 'object fields' | 'array items' = 'root'): FieldError[] {
  if (!isRecord(schema)) return [];
  const errors: FieldError[] = [];
  const untyped = schema['x-kubernetes-int-or-string'] === true || schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (where === 'root' && schema.type !== undefined && schema.type !== 'object') errors.push(fieldInvalid(`${path}.type`, schema.type, 'must be object at the root'));
  if (!schema.type && (where === 'root' || !untyped)) errors.push(fieldRequired(`${path}.type`, `must not be empty ${where === 'root' ? 'at the root' : `for specified ${where}`}`));
  if (isRecord(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) errors.push(...structuralProblems(property, `${path}.properties[${name}]`, 'object fields'));
  }
  if (isRecord(schema.items)) errors.push(...structuralProblems(schema.items, `${path}.items`, 'array items'));
  if (isRecord(schema.additionalProperties)) errors.push(...structuralProblems(schema.additionalProperties, `${path}.additionalProperties`, 'object fields'));
  return errors;
}

/** apiextensions validation: ValidateCustomResourceDefinitionNames, for spec.names. */
function validateNames(names: CustomResourceNames | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const label = (field: string, value: string | undefined, required: boolean) => {
    if (!value) {
      if (required) errors.push(fieldRequired(`spec.names.${field}`, ''));
      return;
    }
    if (!DNS1123_LABEL.test(value) || value.length > 63) errors.push(fieldInvalid(`spec.names.${field}`, value, 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character'));
  };
  label('plural', names?.plural, true);
  label('singular', names?.singular, false);
  if (!names?.kind) errors.push(fieldRequired('spec.names.kind', ''));
  else if (!DNS1035_LABEL.test(names.kind.toLowerCase())) errors.push(fieldInvalid('spec.names.kind', names.kind, 'may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?'));
  if (names?.listKind !== undefined && names.listKind === names.kind) errors.push(fieldInvalid('spec.names.listKind', names.listKind, 'kind and listKind may not be the same'));
  names?.shortNames?.forEach((shortName, i) => label(`shortNames[${i}]`, shortName, true));
  return errors;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const PRINTER_COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'date'];

/**
 * The shape of the fields the server reads (CRDs are not in the types' facts, so nothing decoded
 * them): strings where strings go, lists of objects where lists go, and each version's printer
 * columns and scale paths as the server can use them.
 */
function validateShape(spec: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const names = spec.names;
  if (names !== undefined && !isRecord(names)) return [fieldInvalid('spec.names', names, 'must be an object')];
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) {
    const value = isRecord(names) ? names[field] : undefined;
    if (value !== undefined && !isString(value)) errors.push(fieldInvalid(`spec.names.${field}`, value, 'must be a string'));
  }
  for (const field of ['shortNames', 'categories'] as const) {
    const value = isRecord(names) ? names[field] : undefined;
    if (value !== undefined && !(Array.isArray(value) && value.every(isString))) errors.push(fieldInvalid(`spec.names.${field}`, value, 'must be a list of strings'));
  }
  for (const field of ['group', 'scope'] as const) {
    if (spec[field] !== undefined && !isString(spec[field])) errors.push(fieldInvalid(`spec.${field}`, spec[field], 'must be a string'));
  }
  const versions = spec.versions;
  if (versions === undefined) return errors;
  if (!Array.isArray(versions)) return [...errors, fieldInvalid('spec.versions', versions, 'must be a list')];
  versions.forEach((version: unknown, i) => {
    const at = `spec.versions[${i}]`;
    if (!isRecord(version)) {
      errors.push(fieldInvalid(at, version, 'must be an object'));
      return;
    }
    if (version.name !== undefined && !isString(version.name)) errors.push(fieldInvalid(`${at}.name`, version.name, 'must be a string'));
    const columns = version.additionalPrinterColumns;
    if (columns !== undefined && !Array.isArray(columns)) errors.push(fieldInvalid(`${at}.additionalPrinterColumns`, columns, 'must be a list'));
    (Array.isArray(columns) ? columns : []).forEach((column: unknown, j) => {
      const where = `${at}.additionalPrinterColumns[${j}]`;
      if (!isRecord(column)) return errors.push(fieldInvalid(where, column, 'must be an object'));
      if (!isString(column.name) || column.name === '') errors.push(fieldRequired(`${where}.name`, ''));
      if (!isString(column.jsonPath) || column.jsonPath === '') errors.push(fieldRequired(`${where}.jsonPath`, ''));
      if (!isString(column.type) || !PRINTER_COLUMN_TYPES.includes(column.type)) errors.push(fieldNotSupported(`${where}.type`, column.type, PRINTER_COLUMN_TYPES));
      return undefined;
    });
    const subresources = version.subresources;
    const scale = isRecord(subresources) ? subresources.scale : undefined;
    if (isRecord(scale)) {
      for (const [field, root] of [['specReplicasPath', '.spec.'], ['statusReplicasPath', '.status.'], ['labelSelectorPath', '.status.']] as const) {
        const path = scale[field];
        if (path === undefined && field === 'labelSelectorPath') continue;
        if (!isString(path) || !(path.startsWith(root) || (field === 'labelSelectorPath' && path.startsWith('.spec.'))) || /__proto__|constructor|prototype/.test(path)) {
          errors.push(fieldInvalid(`${at}.subresources.scale.${field}`, path, `should be a json path under ${root.slice(0, -1)}`));
        }
      }
    }
  });
  return errors;
}

/** apiextensions validation: ValidateCustomResourceDefinition (names, group, scope, versions). */
function validateCustomResourceDefinition(crd: CustomResourceDefinition): FieldError[] {
  if (crd.spec !== undefined && !isRecord(crd.spec)) return [fieldInvalid('spec', crd.spec, 'must be an object')];
  const shape = validateShape((crd.spec ?? {}) as Record<string, unknown>);
  if (shape.length > 0) return shape;
  const errors: FieldError[] = [];
  const spec = crd.spec ?? {};
  const group = spec.group ?? '';
  const plural = spec.names?.plural ?? '';
  const name = crd.metadata?.name ?? '';
  if (name !== `${plural}.${group}`) errors.push(fieldInvalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!group) errors.push(fieldRequired('spec.group', ''));
  else if (group.split('.').length < 2) errors.push(fieldInvalid('spec.group', group, 'should be a domain with at least one dot'));
  if (!spec.scope) errors.push(fieldRequired('spec.scope', ''));
  else if (!SCOPES.includes(spec.scope)) errors.push(fieldNotSupported('spec.scope', spec.scope, SCOPES));
  errors.push(...validateNames(spec.names));
  const versions = spec.versions ?? [];
  if (versions.length === 0) errors.push(fieldInvalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  const seen = new Set<string>();
  versions.forEach((version, i) => {
    if (!version.name) errors.push(fieldRequired(`spec.versions[${i}].name`, ''));
    else if (!DNS1035_LABEL.test(version.name)) errors.push(fieldInvalid(`spec.versions[${i}].name`, version.name, 'a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character'));
    else if (seen.has(version.name)) errors.push(fieldInvalid('spec.versions', versions, 'must contain unique version names'));
    if (version.name) seen.add(version.name);
  });
  if (versions.length > 0 && versions.filter((version) => version.storage).length !== 1) {
    errors.push(fieldInvalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  }
  versions.forEach((version, i) => {
    const path = `spec.versions[${i}].schema.openAPIV3Schema`;
    const schema = version.schema?.openAPIV3Schema;
    // apiextensions.k8s.io/v1 serves only structural schemas, one per version.
    if (schema === undefined || schema === null) errors.push(fieldRequired(path, 'schemas are required'));
    else errors.push(...structuralProblems(schema, path), ...schemaProblems(schema, path));
  });
  if (versions.length > 0 && !versions.some((version) => version.served)) errors.push(fieldInvalid('spec.versions', versions, 'must have at least one version marked as served'));
  return errors;
}

/** The names a CRD serves under, defaults filled in (SetDefaults_CustomResourceDefinitionSpec). */
export function acceptedNames(names: CustomResourceNames | undefined): CustomResourceNames {
  const kind = typeof names?.kind === 'string' ? names.kind : '';
  return { ...names, singular: names?.singular || kind.toLowerCase(), listKind: names?.listKind || `${kind}List` };
}

/** Every version ever stored: the old list and the current storage version (status.storedVersions). */
function storedVersions(crd: CustomResourceDefinition, before: readonly string[] = []): string[] {
  const versions = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  const storage = versions.find((version) => isRecord(version) && version.storage)?.name;
  return [...new Set([...before, ...(storage ? [storage] : [])])];
}

type Status = NonNullable<CustomResourceDefinition['status']>;

type Condition = NonNullable<Status['conditions']>[number];
type NamesInUse = { resources: ReadonlySet<string>; kinds: ReadonlySet<string> };

/** The naming controller's check: the first requested name another CRD of the group was accepted with. */
function nameConflict(names: CustomResourceNames, inUse: NamesInUse): Pick<Condition, 'reason' | 'message'> | undefined {
  const taken = (reason: string, name: string | undefined, set: ReadonlySet<string>) => (name && set.has(name) ? { reason, message: `"${name}" is already in use` } : undefined);
  return (
    taken('PluralConflict', names.plural, inUse.resources) ??
    taken('SingularConflict', names.singular, inUse.resources) ??
    (names.shortNames ?? []).map((name) => taken('ShortNamesConflict', name, inUse.resources)).find(Boolean) ??
    taken('KindConflict', names.kind, inUse.kinds) ??
    taken('ListKindConflict', names.listKind, inUse.kinds)
  );
}

/** A condition as it now is, keeping its lastTransitionTime while its status stays. */
function condition(before: readonly Condition[] | undefined, next: Omit<Condition, 'lastTransitionTime'>, now: string): Condition {
  const previous = before?.find((existing) => existing.type === next.type);
  return { ...next, lastTransitionTime: previous?.status === next.status ? previous.lastTransitionTime : now };
}

/**
 * The status the naming and establishing controllers give a CRD: names that conflict with no
 * other CRD of the group are accepted and the CRD is Established (kubectl wait
 * --for=condition=Established). A conflicting name leaves NamesAccepted False with its reason,
 * the names accepted before, and a CRD never established unestablished.
 */
function namedStatus(crd: CustomResourceDefinition, before: Status | undefined, inUse: NamesInUse, now: string): Status {
  const requested = acceptedNames(crd.spec?.names);
  const conflict = nameConflict(requested, inUse);
  const established = before?.conditions?.some((existing) => existing.type === 'Established' && existing.status === 'True') ?? false;
  const conditions = [
    condition(before?.conditions, conflict ? { type: 'NamesAccepted', status: 'False', ...conflict } : { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' }, now),
    condition(
      before?.conditions,
      conflict && !established
        ? { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' }
        : { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      now,
    ),
  ];
  return {
    ...before,
    conditions: [...conditions, ...(before?.conditions ?? []).filter((existing) => existing.type !== 'NamesAccepted' && existing.type !== 'Established')],
    acceptedNames: conflict ? (before?.acceptedNames ?? {}) : requested,
    storedVersions: storedVersions(crd, before?.storedVersions),
  };
}

/** Whether a CRD's names were accepted: only then are its resources served under them. */
export function namesAccepted(crd: CustomResourceDefinition): boolean {
  return crd.status?.conditions?.some((existing) => existing.type === 'NamesAccepted' && existing.status === 'True') ?? false;
}

/** The finalizer that keeps a CRD until its custom resources are gone. */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

/** The condition a CRD being deleted carries while its objects go. */
export function terminatingCondition(now: string): Condition {
  return { type: 'Terminating', status: 'True', lastTransitionTime: now, reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' };
}

export function isTerminating(crd: CustomResourceDefinition): boolean {
  return crd.status?.conditions?.some((existing) => existing.type === 'Terminating' && existing.status === 'True') ?? false;
}

/** `group/plural`: the resource a CRD serves, in every version. */
export function customResourceKey(crd: CustomResourceDefinition): string {
  return `${crd.spec?.group ?? ''}/${crd.spec?.names?.plural ?? ''}`;
}

/**
 * The apiextensions handler's rule while a CRD is deleted: its resource takes no creates (405,
 * "create not allowed while custom resource definition is terminating"); updates, which remove
 * finalizers, still go through.
 */
export function customResourceTermination(terminating: ReadonlySet<string>): AdmissionPlugin {
  return {
    name: 'CustomResourceTermination',
    admit({ operation, definition, subresource }) {
      if (operation !== 'CREATE' || subresource !== undefined || !terminating.has(`${definition.group}/${definition.resource}`)) return;
      throw new StatusError({
        code: 405,
        reason: 'MethodNotAllowed',
        details: { group: definition.group, kind: definition.resource },
        message: 'create not allowed while custom resource definition is terminating',
      });
    },
  };
}

const NO_NAMES: NamesInUse = { resources: new Set(), kinds: new Set() };

export const customResourceDefinitions: ResourceDefinition<CustomResourceDefinition> = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  resource: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  statusSubresource: true,
  generation: true,
  columns: [{ name: 'Created At', type: 'date', description: 'When the definition was created.', cell: (crd) => crd.metadata?.creationTimestamp ?? null }],
  strategy: {
    defaults(crd) {
      const spec = (crd.spec ??= {});
      if (isRecord(spec.names) && isString(spec.names.kind)) spec.names = acceptedNames(spec.names);
    },
    prepareForCreate(crd, context) {
      // The finalizer controller's: a CRD goes only after its objects (customresourcecleanup).
      const meta = (crd.metadata ??= {});
      if (!meta.finalizers?.includes(CLEANUP_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), CLEANUP_FINALIZER];
      const inUse = context.customResourceNamesInUse?.(crd.spec?.group ?? '', crd.spec?.names?.plural ?? '') ?? NO_NAMES;
      crd.status = namedStatus(crd, undefined, inUse, formatTime(context.now));
    },
    prepareForUpdate(crd, old, context) {
      if (context.subresource === 'status') return;
      const inUse = context.customResourceNamesInUse?.(crd.spec?.group ?? '', crd.spec?.names?.plural ?? '') ?? NO_NAMES;
      crd.status = namedStatus(crd, old.status, inUse, formatTime(context.now));
    },
    validate: validateCustomResourceDefinition,
    validateUpdate: (crd, old) => [
      ...validateCustomResourceDefinition(crd),
      // ValidateCustomResourceDefinitionUpdate: objects stored in one scope cannot move to another.
      ...(crd.spec?.scope !== old.spec?.scope ? [fieldInvalid('spec.scope', crd.spec?.scope, 'field is immutable')] : []),
    ],
  },
};
