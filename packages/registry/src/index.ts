export type { AdmissionAttributes, AdmissionOperation, AdmissionPlugin, UserInfo } from './admission.js';
export { runAdmission } from './admission.js';
export { builtinResources } from './builtins/index.js';
export { ClusterIPAllocator } from './cluster-ip.js';
export type { DeleteOptionsBody } from './delete-options.js';
export { checkDeleteOptions } from './delete-options.js';
export type { KubeObject, ObjectMetaLike, OwnerReferenceLike } from './kube-object.js';
export { deepCopy } from './kube-object.js';
export { IMMORTAL_NAMESPACES, namespaceLifecycle } from './namespace-lifecycle.js';
export { formatTime, generateName, newUid } from './object-meta.js';
export { parseResourceVersion, specChanged } from './object-compare.js';
export { Registry, type RegistryOptions } from './registry.js';
export type {
  ActionContext,
  ActionHandler,
  ActionResult,
  ActionSubresource,
  EphemeralContext,
  NameRule,
  ObjectDecoder,
  ResourceDefinition,
  ScaleSubresource,
  Strategy,
  StrategyContext,
  TableColumn,
  Verb,
} from './resource-definition.js';
export { ALL_VERBS, apiVersionOf, qualifiedResource } from './resource-definition.js';
export type { FromStorage } from './stored-view.js';
export type {
  ApplyOptions,
  ApplyResult,
  DeleteResult,
  ListRequest,
  ResourceStoreHooks,
  UpdateOptions,
  WatchRequest,
  WriteFinisher,
  WriteOptions,
} from './resource-store.js';
export { decodeAs, type DecodedObject, type FieldValidation } from './decode-body.js';
export { DEFAULT_FIELD_MANAGER, managerFromUserAgent, type WriterIdentity } from './field-ownership.js';
export { ResourceStore } from './resource-store.js';
export type { MaybePromise } from './maybe-async.js';
export { fieldReader, selectionPredicate, type SelectorOptions } from './selection.js';
export { interpretStorageError } from './storage-errors.js';
export type { ConvertToTableOptions } from './table.js';
export { ageColumn, convertToTable, tableColumnDefinitions } from './table.js';
export { validateObjectMeta } from './validate-meta.js';
export { builtinGroupPriorities } from './builtin-priorities.js';
export {
  type AuthorizationAttributes,
  type AuthorizationDecision,
  type Authorizer,
  DEFAULT_USER,
  type NonResourceRule,
  type ResourceRule,
  type RulesDecision,
  alwaysAllow,
} from './authorizer.js';
export { type DefineResourceOptions, defineResource } from './define-resource.js';
export { type ResourceDeclaration, declareResource } from './schema-resource.js';
export { type JsonSchemaProps, applyDefaults, pruneUnknown, validateSchema } from './structural-schema.js';
export { type PrinterColumn, printerColumns } from './printer-columns.js';
export type { CustomResourceDefinition, CustomResourceNames, CustomResourceVersion } from './builtins/apiextensions-crd.js';
