import type { Container, PodSpec, PodTemplateSpec, Probe, Volume } from './pod-types.js';

/*
 * SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Volume and friends
 * (k8s.io/kubernetes/pkg/apis/core/v1/defaults.go): what a pod template shows once stored.
 */

/** 0644, the defaultMode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_MODE = 0o644;

/**
 * parsers.ParseImageName's tag: the part after the last ':' of the last path segment,
 * `latest` when there is neither a tag nor a digest.
 */
function imageTag(image: string): string {
  const [name = '', digest] = image.split('@');
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return name.slice(colon + 1);
  return digest ? '' : 'latest';
}

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  if (probe.httpGet) {
    probe.httpGet.path ||= '/';
    probe.httpGet.scheme ||= 'HTTP';
  }
}

function defaultContainer(container: Container, hostNetwork: boolean): void {
  if (!container.imagePullPolicy) {
    // An untagged image means `:latest`, which is pulled every time.
    container.imagePullPolicy = container.image && imageTag(container.image) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  // ResourceRequirements is a struct, not a pointer: it is always printed.
  container.resources ??= {};
  for (const port of container.ports ?? []) {
    port.protocol ||= 'TCP';
    if (hostNetwork && !port.hostPort) port.hostPort = port.containerPort;
  }
  for (const env of container.env ?? []) {
    const fieldRef = env.valueFrom?.fieldRef;
    if (fieldRef) fieldRef.apiVersion ||= 'v1';
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
}

function defaultVolume(volume: Volume): void {
  const sources = Object.keys(volume).filter((key) => key !== 'name');
  if (sources.length === 0) volume.emptyDir = {};
  for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const source = volume[kind] as { defaultMode?: number } | undefined;
    if (source && source.defaultMode === undefined) source.defaultMode = DEFAULT_MODE;
  }
  const hostPath = volume.hostPath as { type?: string } | undefined;
  if (hostPath) hostPath.type ??= '';
  const projected = volume.projected as { sources?: { serviceAccountToken?: { expirationSeconds?: number } }[] } | undefined;
  for (const source of projected?.sources ?? []) {
    if (source.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= 3600;
  }
}

/** SetDefaults_PodSpec and what it reaches: pods and every pod template. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  // The v1 conversion keeps the deprecated serviceAccount equal to serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  const hostNetwork = spec.hostNetwork === true;
  for (const container of spec.containers ?? []) defaultContainer(container, hostNetwork);
  for (const container of spec.initContainers ?? []) defaultContainer(container, hostNetwork);
  for (const volume of spec.volumes ?? []) defaultVolume(volume);
}

/** The defaults of a PodTemplateSpec: its spec, which always exists once decoded. */
export function defaultPodTemplate(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const result = template ?? {};
  result.spec ??= {};
  defaultPodSpec(result.spec);
  return result;
}
