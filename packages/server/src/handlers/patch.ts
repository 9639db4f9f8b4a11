import { newUnsupportedMediaType } from '@kubekit/apimachinery';
import type { ApiResponse } from '../api-request.js';
import type { ResourceContext } from './context.js';

/** The patch types the real server accepts; the patch engine is not wired in yet. */
export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** PATCH: answered 415 until @kubekit/patch provides the engine (the next issue). */
export async function handlePatch(_context: ResourceContext): Promise<ApiResponse> {
  throw newUnsupportedMediaType(PATCH_TYPES);
}
