/**
 * @kubekit/apimachinery: Status errors, validators, label and field selectors, discovery
 * documents and Tables, worded and shaped as kube-apiserver 1.35 answers. See docs/apimachinery.md.
 */
export type * from './meta.js';

export { FieldPath, fieldPath, type FieldPathLike } from './errors/field-path.js';
export {
  type FieldError,
  type FieldErrorType,
  OMIT_VALUE,
  aggregateFieldErrors,
  fieldDuplicate,
  fieldErrorBody,
  fieldErrorMessage,
  fieldForbidden,
  fieldInternalError,
  fieldInvalid,
  fieldNotFound,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  fieldTooMany,
  fieldTypeInvalid,
} from './errors/field-error.js';
export { StatusError, type StatusInit, isStatusError, qualifiedKind, qualifiedResource } from './errors/status-error.js';
export {
  OPTIMISTIC_LOCK_ERROR_MSG,
  newAlreadyExists,
  newApplyConflict,
  newConflict,
  newForbidden,
  newGenerateNameConflict,
  newInvalid,
  newMethodNotSupported,
  newNotFound,
  newServerTimeout,
  newUnauthorized,
} from './errors/resource-errors.js';
export {
  newBadRequest,
  newGone,
  newInternalError,
  newNotAcceptable,
  newNotAcceptableConversion,
  newRequestEntityTooLarge,
  newResourceExpired,
  newServiceUnavailable,
  newTimeout,
  newTooManyRequests,
  newTooManyRequestsError,
  newUnsupportedMediaType,
} from './errors/request-errors.js';
export {
  LIST_EXPIRED_MSG,
  WATCH_EXPIRED_MSG,
  newContinueExpired,
  newTooLargeResourceVersion,
  newTooOldResourceVersion,
} from './errors/expired-errors.js';
export { toStatusError } from './errors/to-status-error.js';

export {
  DNS1035_LABEL_MAX_LENGTH,
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  type ValidateNameFunc,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validatePathSegmentName,
} from './validation/names.js';
export {
  LABEL_KEY_NAME_MAX_LENGTH,
  LABEL_VALUE_MAX_LENGTH,
  isLabelKey,
  isQualifiedName,
  isValidLabelValue,
  validateLabelName,
  validateLabels,
} from './validation/labels.js';

export {
  type LabelRequirement,
  type SelectorOperator,
  newRequirement,
  requirementMatches,
  requirementToString,
} from './labels/requirement.js';
export { ParsedLabelSelector, formatLabelSelector, labelSelectorFromMeta, parseLabelSelector } from './labels/label-selector.js';

export {
  type FieldGetter,
  type FieldLabelConversion,
  type FieldRequirement,
  FieldSelector,
  escapeFieldValue,
  parseFieldSelector,
  unescapeFieldValue,
} from './fields/field-selector.js';
export {
  convertFieldSelector,
  customResourceFieldLabels,
  defaultFieldLabelConversion,
  supportedFieldLabels,
} from './fields/field-label-conversion.js';

export type {
  IncludeObject,
  MetaGroupVersion,
  PartialObjectMetadata,
  PartialObjectMetadataList,
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './table/types.js';
export { humanDuration, shortHumanDuration, translateTimestampSince } from './table/human-duration.js';
export {
  type BuildTableOptions,
  type TableRowResult,
  DEFAULT_TABLE_COLUMNS,
  METADATA_CREATION_TIMESTAMP_DESCRIPTION,
  METADATA_NAME_DESCRIPTION,
  buildTable,
  defaultTableCells,
  parseIncludeObject,
} from './table/build-table.js';
export {
  type ObjectList,
  partialObjectMetadataListOfObjectError,
  partialObjectMetadataOfListError,
  toPartialObjectMetadata,
  toPartialObjectMetadataList,
} from './table/partial-object-metadata.js';

export type {
  APIGroup,
  APIGroupDiscovery,
  APIGroupDiscoveryList,
  APIGroupList,
  APIResource,
  APIResourceDiscovery,
  APIResourceList,
  APISubresourceDiscovery,
  APIVersionDiscovery,
  APIVersions,
  ApiResourceInfo,
  DiscoveryVersion,
  GroupVersionForDiscovery,
  GroupVersionPriorities,
  GroupVersionPriority,
  ServerAddressByClientCIDR,
  SubresourceInfo,
} from './discovery/types.js';
export { apiGroup, apiGroupList, apiResourceList, apiVersions, groupVersionsOf } from './discovery/legacy.js';
export { type AggregatedDiscoveryOptions, aggregatedDiscovery } from './discovery/aggregated.js';
export { DEFAULT_PRIORITY, compareKubeAwareVersions, orderGroupsAggregated, orderGroupsLegacy } from './discovery/version-order.js';
export { type AcceptClause, parseAccept } from './discovery/accept.js';
export {
  DISCOVERY_V2BETA1_CONTENT_TYPE,
  DISCOVERY_V2_CONTENT_TYPE,
  type DiscoveryMediaType,
  type NegotiateDiscoveryOptions,
  discoveryContentType,
  discoveryETag,
  negotiateDiscovery,
  negotiateDiscoveryMediaType,
} from './discovery/negotiate.js';
export { type CronSchedule, cronScheduleError, parseCronSchedule } from './cron/cron-schedule.js';
