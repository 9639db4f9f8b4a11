import type { ResourceDefinition } from '../resource-definition.js';
import { configMaps } from './core-configmap.js';
import { namespaces } from './core-namespace.js';

/** The built-in catalogue, in the order discovery lists it. */
export const builtinResources: readonly ResourceDefinition[] = [
  namespaces,
  configMaps,
] as readonly ResourceDefinition[];
