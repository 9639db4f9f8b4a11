import {
  type FieldError,
  fieldDuplicate,
  fieldForbidden,
  fieldInvalid,
  fieldNotFound,
  fieldNotSupported,
  fieldRequired,
  validateLabels,
} from '@kubekit/apimachinery';
import { isValidPortName, isValidPortNum, validateDNS1123Label, validateDNS1123Subdomain } from './field-checks.js';
import type { Container, PodSpec, PodTemplateSpec } from './pod-types.js';
import { compareQuantities, parseQuantity, quantityString } from './quantity.js';

/*
 * The most common checks of ValidatePodSpec and ValidatePodTemplateSpec
 * (k8s.io/kubernetes/pkg/apis/core/validation/validation.go), in the order the real server
 * reports them.
 */

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePorts(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (container.ports ?? []).forEach((port, i) => {
    const at = `${path}[${i}]`;
    if (port.name) {
      for (const message of isValidPortName(port.name)) errors.push(fieldInvalid(`${at}.name`, port.name, message));
      if (names.has(port.name)) errors.push(fieldDuplicate(`${at}.name`, port.name));
      names.add(port.name);
    }
    if (!port.containerPort) errors.push(fieldRequired(`${at}.containerPort`, ''));
    else for (const message of isValidPortNum(port.containerPort)) errors.push(fieldInvalid(`${at}.containerPort`, port.containerPort, message));
    if (port.hostPort) {
      for (const message of isValidPortNum(port.hostPort)) errors.push(fieldInvalid(`${at}.hostPort`, port.hostPort, message));
    }
    if (!port.protocol) errors.push(fieldRequired(`${at}.protocol`, ''));
    else if (!PROTOCOLS.includes(port.protocol)) errors.push(fieldNotSupported(`${at}.protocol`, port.protocol, PROTOCOLS));
  });
  return errors;
}

function validateVolumeMounts(container: Container, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  (container.volumeMounts ?? []).forEach((mount, i) => {
    const at = `${path}[${i}]`;
    if (!mount.name) errors.push(fieldRequired(`${at}.name`, ''));
    if (!volumes.has(mount.name ?? '')) errors.push(fieldNotFound(`${at}.name`, mount.name ?? ''));
    if (!mount.mountPath) errors.push(fieldRequired(`${at}.mountPath`, ''));
    else if (mountPaths.has(mount.mountPath)) errors.push(fieldInvalid(`${at}.mountPath`, mount.mountPath, 'must be unique'));
    if (mount.mountPath) mountPaths.add(mount.mountPath);
  });
  return errors;
}

/** ValidateContainerResourceRequirements: non-negative quantities and requests <= limits. */
function validateResources(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const { limits = {}, requests = {} } = container.resources ?? {};
  for (const [name, value] of Object.entries(limits)) {
    const quantity = parseQuantity(value);
    if (quantity !== undefined && quantity < 0) errors.push(fieldInvalid(`${path}.limits[${name}]`, quantityString(value), 'must be greater than or equal to 0'));
  }
  for (const [name, value] of Object.entries(requests)) {
    const quantity = parseQuantity(value);
    if (quantity !== undefined && quantity < 0) errors.push(fieldInvalid(`${path}.requests[${name}]`, quantityString(value), 'must be greater than or equal to 0'));
    const limit = parseQuantity(limits[name]);
    if (quantity !== undefined && limit !== undefined && compareQuantities(quantity, limit) > 0) {
      errors.push(
        fieldInvalid(`${path}.requests`, quantityString(value), `must be less than or equal to ${name} limit of ${quantityString(limits[name])}`),
      );
    }
  }
  return errors;
}

/** validateContainerCommon, then the name uniqueness of validateContainers. */
function validateContainerList(
  containers: readonly Container[],
  volumes: ReadonlySet<string>,
  path: string,
  names: Set<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  containers.forEach((container, i) => {
    const at = `${path}[${i}]`;
    if (!container.name) errors.push(fieldRequired(`${at}.name`, ''));
    else errors.push(...validateDNS1123Label(container.name, `${at}.name`));
    if (!container.image) errors.push(fieldRequired(`${at}.image`, ''));
    const policy = container.terminationMessagePolicy;
    if (!policy) errors.push(fieldRequired(`${at}.terminationMessagePolicy`, ''));
    else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') {
      errors.push(fieldNotSupported(`${at}.terminationMessagePolicy`, policy, ['File', 'FallbackToLogsOnError']));
    }
    errors.push(...validatePorts(container, `${at}.ports`));
    (container.env ?? []).forEach((env, j) => {
      if (!env.name) errors.push(fieldRequired(`${at}.env[${j}].name`, ''));
    });
    errors.push(...validateVolumeMounts(container, volumes, `${at}.volumeMounts`));
    const pullPolicy = container.imagePullPolicy;
    if (!pullPolicy) errors.push(fieldRequired(`${at}.imagePullPolicy`, ''));
    else if (!['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
      errors.push(fieldNotSupported(`${at}.imagePullPolicy`, pullPolicy, ['Always', 'IfNotPresent', 'Never']));
    }
    errors.push(...validateResources(container, `${at}.resources`));
    if (container.name && names.has(container.name)) errors.push(fieldDuplicate(`${at}.name`, container.name));
    if (container.name) names.add(container.name);
  });
  return errors;
}

function validateVolumes(spec: PodSpec, path: string): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (spec.volumes ?? []).forEach((volume, i) => {
    const at = `${path}[${i}]`;
    if (!volume.name) errors.push(fieldRequired(`${at}.name`, ''));
    else errors.push(...validateDNS1123Label(volume.name, `${at}.name`));
    if (volume.name && names.has(volume.name)) errors.push(fieldDuplicate(`${at}.name`, volume.name));
    if (volume.name) names.add(volume.name);
    const sources = Object.keys(volume).filter((key) => key !== 'name');
    if (sources.length > 1) errors.push(fieldForbidden(`${at}.${sources[1]}`, 'may not specify more than 1 volume type'));
  });
  return { errors, names };
}

/** ValidatePodSpec, for a pod (`spec`) or a template (`spec.template.spec`). */
export function validatePodSpec(spec: PodSpec, path: string): FieldError[] {
  const { errors, names: volumes } = validateVolumes(spec, `${path}.volumes`);
  const containers = spec.containers ?? [];
  const containerNames = new Set<string>();
  if (containers.length === 0) errors.push(fieldRequired(`${path}.containers`, ''));
  else errors.push(...validateContainerList(containers, volumes, `${path}.containers`, containerNames));
  const initNames = new Set<string>(containerNames);
  errors.push(...validateContainerList(spec.initContainers ?? [], volumes, `${path}.initContainers`, initNames));
  if (!spec.restartPolicy) errors.push(fieldRequired(`${path}.restartPolicy`, ''));
  else if (!['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    errors.push(fieldNotSupported(`${path}.restartPolicy`, spec.restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!spec.dnsPolicy) errors.push(fieldRequired(`${path}.dnsPolicy`, ''));
  else if (!dnsPolicies.includes(spec.dnsPolicy)) errors.push(fieldNotSupported(`${path}.dnsPolicy`, spec.dnsPolicy, dnsPolicies));
  errors.push(...validateLabels(spec.nodeSelector ?? {}, `${path}.nodeSelector`));
  if (spec.serviceAccountName) errors.push(...validateDNS1123Subdomain(spec.serviceAccountName, `${path}.serviceAccountName`));
  if (spec.nodeName) errors.push(...validateDNS1123Subdomain(spec.nodeName, `${path}.nodeName`));
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    errors.push(fieldInvalid(`${path}.activeDeadlineSeconds`, deadline, 'must be between 1 and 2147483647, inclusive'));
  }
  if (spec.hostname) errors.push(...validateDNS1123Label(spec.hostname, `${path}.hostname`));
  if (spec.subdomain) errors.push(...validateDNS1123Label(spec.subdomain, `${path}.subdomain`));
  return errors;
}

/** ValidatePodTemplateSpec: the template's labels (at `<path>.labels`, as the real server says) and spec. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  return [
    ...validateLabels(template?.metadata?.labels ?? {}, `${path}.labels`),
    ...validatePodSpec(template?.spec ?? {}, `${path}.spec`),
  ];
}
