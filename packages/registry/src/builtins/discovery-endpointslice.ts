import { fieldNotSupported, fieldRequired } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { validateImmutable } from './field-checks.js';

interface EndpointSlice extends KubeObject {
  addressType?: string;
  endpoints?: { addresses?: string[] }[] | null;
  ports?: { port?: number | null }[] | null;
}

const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'];
const MAX_SHOWN = 3;

/** formatDiscoveryPorts: the ports joined, `<unset>` for one without a number. */
function formatPorts(slice: EndpointSlice): string {
  const ports = slice.ports ?? [];
  if (ports.length === 0) return '<unset>';
  const shown = ports.slice(0, MAX_SHOWN).map((port) => (port.port === undefined || port.port === null ? '<unset>' : String(port.port)));
  return ports.length > MAX_SHOWN ? `${shown.join(',')} + ${ports.length - MAX_SHOWN} more...` : shown.join(',');
}

/** formatDiscoveryEndpoints: the first three addresses, then `+ N more...`. */
function formatEndpoints(slice: EndpointSlice): string {
  const addresses = (slice.endpoints ?? []).flatMap((endpoint) => endpoint.addresses ?? []);
  if (addresses.length === 0) return '<unset>';
  const shown = addresses.slice(0, MAX_SHOWN).join(',');
  return addresses.length > MAX_SHOWN ? `${shown} + ${addresses.length - MAX_SHOWN} more...` : shown;
}

export const endpointSlices: ResourceDefinition<EndpointSlice> = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  columns: [
    { name: 'AddressType', type: 'string', description: 'The IP protocol for this slice', cell: (slice) => slice.addressType ?? '' },
    { name: 'Ports', type: 'string', description: 'The ports contained in this slice', cell: formatPorts },
    { name: 'Endpoints', type: 'string', description: 'First 3 endpoints in this slice', cell: formatEndpoints },
    ageColumn,
  ],
  strategy: {
    validate(slice) {
      if (!slice.addressType) return [fieldRequired('addressType')];
      return ADDRESS_TYPES.includes(slice.addressType) ? [] : [fieldNotSupported('addressType', slice.addressType, ADDRESS_TYPES)];
    },
    validateUpdate: (slice, old) => validateImmutable(slice.addressType, old.addressType, 'addressType'),
  },
};
