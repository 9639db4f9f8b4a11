export type { ApiRequest, ApiResponse, ResponseStream } from './api-request.js';
export { isStream } from './api-request.js';
export { DEFAULT_MAX_BODY_BYTES } from './body.js';
export type { ApplyClientOptions, Client, ClientListResult, ClientWatchEvent, KindType, NamespaceOption, ResourceClient } from './client.js';
export { toFetchHandler } from './fetch-handler.js';
export { type Representation, negotiate, parseAccept } from './negotiation.js';
export { type RequestInfo, type ResourceRequestInfo, parseRequestInfo } from './request-info.js';
export { type KubeServer, type ServerOptions, createServer } from './server.js';
export { type VersionInfo, defaultVersionInfo } from './version.js';
