import { toJsonCopy } from '@kubekit/store';
import type { CustomResourceDefinition } from './builtins/apiextensions-crd.js';
import type { KubeObject } from './kube-object.js';
import { acceptedNames } from './builtins/apiextensions-crd.js';
import { printerColumns } from './printer-columns.js';
import { type JsonSchemaProps, applyDefaults, pruneUnknown, validateSchema } from './structural-schema.js';
import type { ObjectDecoder, ResourceDefinition } from './resource-definition.js';

/** A served version of a CRD, and what it was built from (to tell whether a new CRD changes it). */
export interface ServedVersion {
  definition: ResourceDefinition;
  fingerprint: string;
}

/**
 * The resources a CRD serves, one per version marked `served`: schema-less (objects are kept as
 * written), with the CRD's names, scope, subresources and printer columns. All versions keep their objects under
 * one storage prefix (`conversion: None`).
 */
export function servedDefinitions(crd: CustomResourceDefinition): ServedVersion[] {
  const spec = crd.spec ?? {};
  const names = acceptedNames(spec.names);
  return (spec.versions ?? [])
    .filter((version) => version.served && version.name)
    .map((version) => {
      const scale = version.subresources?.scale;
      const schema = version.schema?.openAPIV3Schema as JsonSchemaProps | undefined;
      const fingerprint = JSON.stringify({ group: spec.group, scope: spec.scope, names, version });
      const definition: ResourceDefinition = {
        group: spec.group ?? '',
        version: version.name!,
        kind: names.kind ?? '',
        resource: names.plural ?? '',
        singular: names.singular ?? '',
        listKind: names.listKind ?? '',
        namespaced: spec.scope === 'Namespaced',
        ...(names.shortNames && { shortNames: names.shortNames }),
        ...(names.categories && { categories: names.categories }),
        ...(version.subresources?.status && { statusSubresource: true }),
        ...(scale?.specReplicasPath &&
          scale.statusReplicasPath && {
            scale: {
              specReplicasPath: scale.specReplicasPath,
              statusReplicasPath: scale.statusReplicasPath,
              ...(scale.labelSelectorPath && { labelSelectorPath: scale.labelSelectorPath }),
            },
          }),
        ...(version.additionalPrinterColumns?.length && { columns: printerColumns(version.additionalPrinterColumns) }),
        ...(schema && {
          decoder: schemaDecoder(schema),
          strategy: { validate: (object) => validateSchema(object, schema) },
          openApiSchema: schema as Record<string, unknown>,
        }),
        generation: true,
      };
      return { definition, fingerprint };
    });
}

/** A body read through a version's structural schema: unknown fields pruned, then defaults applied. */
function schemaDecoder(schema: JsonSchemaProps): ObjectDecoder {
  return {
    decode(body) {
      // The body may share members with a stored (frozen) object, as a patched one does.
      const object = toJsonCopy(body) as KubeObject;
      const unknownFields = pruneUnknown(object, schema);
      applyDefaults(object, schema);
      return { object, unknownFields };
    },
  };
}
