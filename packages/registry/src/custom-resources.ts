import { type CustomResourceDefinition, acceptedNames } from './builtins/apiextensions-crd.js';
import { printerColumns } from './printer-columns.js';
import type { ResourceDefinition } from './resource-definition.js';
import { declareResource } from './schema-resource.js';
import type { JsonSchemaProps } from './structural-schema.js';

/** A served version of a CRD, and what it was built from (to tell whether a new CRD changes it). */
export interface ServedVersion {
  definition: ResourceDefinition;
  fingerprint: string;
}

/**
 * The resources a CRD serves, one per version marked `served`, declared from the version's schema
 * with the CRD's names, scope, subresources and printer columns. All versions keep their objects
 * under one storage prefix (`conversion: None`).
 */
export function servedDefinitions(crd: CustomResourceDefinition): ServedVersion[] {
  const spec = crd.spec ?? {};
  const names = acceptedNames(spec.names);
  return (spec.versions ?? [])
    .filter((version) => version.served && version.name)
    .map((version) => {
      const scale = version.subresources?.scale;
      const fingerprint = JSON.stringify({ group: spec.group, scope: spec.scope, names, version });
      const definition = declareResource(
        {
          group: spec.group ?? '',
          version: version.name!,
          kind: names.kind ?? '',
          plural: names.plural ?? '',
          ...(names.singular && { singular: names.singular }),
          ...(names.listKind && { listKind: names.listKind }),
          scope: spec.scope === 'Namespaced' ? 'Namespaced' : 'Cluster',
          ...(names.shortNames && { shortNames: names.shortNames }),
          ...(names.categories && { categories: names.categories }),
          subresources: {
            status: version.subresources?.status !== undefined,
            ...(scale?.specReplicasPath &&
              scale.statusReplicasPath && {
                scale: {
                  specReplicasPath: fieldPath(scale.specReplicasPath),
                  statusReplicasPath: fieldPath(scale.statusReplicasPath),
                  ...(scale.labelSelectorPath && { labelSelectorPath: fieldPath(scale.labelSelectorPath) }),
                },
              }),
          },
          ...(version.additionalPrinterColumns?.length && { columns: printerColumns(version.additionalPrinterColumns) }),
        },
        version.schema?.openAPIV3Schema as JsonSchemaProps | undefined,
      );
      return { definition, fingerprint };
    });
}

/** A CRD's scale path is a JSON path (`.spec.replicas`); the registry's are dotted field paths. */
function fieldPath(jsonPath: string): string {
  return jsonPath.startsWith('.') ? jsonPath.slice(1) : jsonPath;
}
