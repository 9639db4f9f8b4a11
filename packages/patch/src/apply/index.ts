export type { ApplyType, ListType, MapType, ScalarType, StructField, StructType, UntypedType } from './apply-type.js';
export { SCALAR, UNTYPED } from './apply-type.js';
export { builtInApplyType } from './built-in-types.js';
export { type StructuralSchema, schemaApplyType } from './schema-types.js';
export { compareObjects, type Comparison } from './compare.js';
export { ApplyConflictError, printManager, type ApplyConflict } from './conflicts.js';
export { FieldSet, InvalidFieldsError } from './field-set.js';
export {
  applyConfiguration,
  updateManagedFields,
  type AppliedObject,
  type ApplyOptions,
  type FieldManagerOptions,
  type ManagerIdentity,
} from './field-manager.js';
export { ApplyTypeError } from './list-items.js';
export {
  MAX_UPDATE_MANAGERS,
  decodeManagedFields,
  encodeManagedFields,
  isResetManagedFields,
  managerKey,
  type ManagedFieldsEntry,
  type ManagerRecord,
  type Managers,
} from './managed-fields.js';
export { mergeObjects } from './merge.js';
export { fieldElement, pathString, type PathElement } from './path-element.js';
export { fieldSetOf } from './to-field-set.js';
export { createdFields } from './created-fields.js';
