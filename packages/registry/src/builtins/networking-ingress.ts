import { isIP } from 'node:net';
import { type FieldError, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1035Label, isDNS1123Subdomain } from '@kubekit/apimachinery';
import type { KubeObject } from '../kube-object.js';
import type { ResourceDefinition } from '../resource-definition.js';
import { ageColumn } from '../table.js';
import { isValidPortName, isValidPortNum, validateDNS1123Subdomain } from './field-checks.js';

interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

interface IngressRule {
  host?: string;
  http?: { paths?: { path?: string; pathType?: string; backend?: IngressBackend }[] };
}

interface Ingress extends KubeObject {
  spec?: { ingressClassName?: string; defaultBackend?: IngressBackend; rules?: IngressRule[]; tls?: { hosts?: string[]; secretName?: string }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const WILDCARD = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validateIngressBackend: a service (name and port) or a resource. */
function validateBackend(backend: IngressBackend, path: string): FieldError[] {
  if (backend.resource && backend.service) return [fieldInvalid(path, '', 'cannot set both resource and service backends')];
  if (backend.resource) return [];
  const service = backend.service;
  if (!service) return [fieldInvalid(path, '', 'resource or service backend is required')];
  const errors: FieldError[] = [];
  if (!service.name) errors.push(fieldRequired(`${path}.service.name`, ''));
  else for (const message of isDNS1035Label(service.name)) errors.push(fieldInvalid(`${path}.service.name`, service.name, message));
  const { name, number } = service.port ?? {};
  if (name && number) errors.push(fieldInvalid(path, '', 'cannot set both port name & port number'));
  else if (name) for (const message of isValidPortName(name)) errors.push(fieldInvalid(`${path}.service.port.name`, name, message));
  else if (number) for (const message of isValidPortNum(number)) errors.push(fieldInvalid(`${path}.service.port.number`, number, message));
  else errors.push(fieldRequired(path, 'port name or number is required'));
  return errors;
}

/** validateHTTPIngressPath: a pathType, an absolute clean path for Exact and Prefix, a backend. */
function validatePath(entry: { path?: string; pathType?: string; backend?: IngressBackend }, at: string): FieldError[] {
  if (!entry.pathType) return [fieldRequired(`${at}.pathType`, 'pathType must be specified')];
  const errors: FieldError[] = [];
  const path = entry.path ?? '';
  if (entry.pathType === 'Exact' || entry.pathType === 'Prefix') {
    if (!path.startsWith('/')) errors.push(fieldInvalid(`${at}.path`, path, 'must be an absolute path'));
    for (const sequence of ['//', '/./', '/../', '%2f', '%2F']) {
      if (path.includes(sequence)) errors.push(fieldInvalid(`${at}.path`, path, `must not contain '${sequence}'`));
    }
    for (const suffix of ['/..', '/.']) if (path.endsWith(suffix)) errors.push(fieldInvalid(`${at}.path`, path, `cannot end with '${suffix}'`));
  } else if (entry.pathType === 'ImplementationSpecific') {
    if (path && !path.startsWith('/')) errors.push(fieldInvalid(`${at}.path`, path, 'must be an absolute path'));
  } else {
    errors.push(fieldNotSupported(`${at}.pathType`, entry.pathType, PATH_TYPES));
  }
  return [...errors, ...validateBackend(entry.backend ?? {}, `${at}.backend`)];
}

function validateRules(rules: readonly IngressRule[]): FieldError[] {
  const errors: FieldError[] = [];
  rules.forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    const host = rule.host ?? '';
    if (host) {
      if (isIP(host) !== 0) errors.push(fieldInvalid(`${at}.host`, host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) {
        if (host.length > 253) errors.push(fieldInvalid(`${at}.host`, host, 'must be no more than 253 characters'));
        if (!WILDCARD.test(host)) {
          errors.push(
            fieldInvalid(
              `${at}.host`,
              host,
              "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ),
          );
        }
      } else {
        for (const message of isDNS1123Subdomain(host)) errors.push(fieldInvalid(`${at}.host`, host, message));
      }
    }
    if (rule.http) {
      const paths = rule.http.paths ?? [];
      if (paths.length === 0) errors.push(fieldRequired(`${at}.http.paths`, ''));
      paths.forEach((entry, j) => errors.push(...validatePath(entry, `${at}.http.paths[${j}]`)));
    }
  });
  return errors;
}

/** ValidateIngressSpec. */
function validateIngress(ingress: Ingress): FieldError[] {
  const spec = ingress.spec ?? {};
  const errors: FieldError[] = [];
  if (!spec.rules?.length && !spec.defaultBackend) errors.push(fieldInvalid('spec', spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) errors.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  errors.push(...validateRules(spec.rules ?? []));
  if (spec.ingressClassName !== undefined) errors.push(...validateDNS1123Subdomain(spec.ingressClassName, 'spec.ingressClassName'));
  return errors;
}

/** formatHosts: the first three hosts, then `+ N more...`; `*` when no rule names one. */
function formatHosts(rules: readonly IngressRule[]): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

export const ingresses: ResourceDefinition<Ingress> = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  resource: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  statusSubresource: true,
  generation: true,
  columns: [
    { name: 'Class', type: 'string', description: 'The name of the IngressClass resource that should be used for additional configuration', cell: (i) => i.spec?.ingressClassName ?? '<none>' },
    { name: 'Hosts', type: 'string', description: 'Hosts that incoming requests are matched against before the ingress rule', cell: (i) => formatHosts(i.spec?.rules ?? []) },
    {
      name: 'Address',
      type: 'string',
      description: 'Address is a list containing ingress points for the load-balancer',
      cell: (i) => [...new Set((i.status?.loadBalancer?.ingress ?? []).map((e) => e.ip || e.hostname || '').filter(Boolean))].sort().join(','),
    },
    { name: 'Ports', type: 'string', description: 'Ports of TLS configurations that open', cell: (i) => (i.spec?.tls?.length ? '80, 443' : '80') },
    ageColumn,
  ],
  strategy: {
    prepareForCreate(ingress) {
      ingress.status = { loadBalancer: {} };
    },
    validate: validateIngress,
  },
};
