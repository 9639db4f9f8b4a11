import type { LabelSelector } from '@kubekit/apimachinery';
import type { KubeObject, ObjectMetaLike } from '../kube-object.js';

/*
 * The parts of core/v1 Pod, PodSpec and PodTemplateSpec the built-in strategies read and write
 * (k8s.io/api/core/v1/types.go). Anything else an object carries passes through untouched.
 */

export type ResourceList = Record<string, string | number>;

interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
  [key: string]: unknown;
}

export interface Probe {
  httpGet?: { path?: string; scheme?: string; [key: string]: unknown };
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  [key: string]: unknown;
}

interface EnvVar {
  name?: string;
  valueFrom?: { fieldRef?: { apiVersion?: string; fieldPath?: string }; [key: string]: unknown };
  [key: string]: unknown;
}

interface VolumeMount {
  name?: string;
  mountPath?: string;
  readOnly?: boolean;
  [key: string]: unknown;
}

export interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  resources?: { limits?: ResourceList; requests?: ResourceList; [key: string]: unknown };
  volumeMounts?: VolumeMount[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  restartPolicy?: string;
  [key: string]: unknown;
}

export interface Volume {
  name?: string;
  [key: string]: unknown;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
  [key: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  restartPolicy?: string;
  dnsPolicy?: string;
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  schedulerName?: string;
  securityContext?: Record<string, unknown>;
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  enableServiceLinks?: boolean;
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
  tolerations?: Toleration[];
  readinessGates?: { conditionType?: string }[];
  [key: string]: unknown;
}

export interface PodTemplateSpec {
  metadata?: ObjectMetaLike;
  spec?: PodSpec;
}

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
  [key: string]: unknown;
}

interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  [key: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  qosClass?: string;
  podIP?: string;
  podIPs?: { ip?: string }[];
  hostIP?: string;
  hostIPs?: { ip?: string }[];
  nominatedNodeName?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  [key: string]: unknown;
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

/** The spec of a kind that runs pods from a template with a selector (apps/v1, batch/v1). */
export interface TemplatedSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  [key: string]: unknown;
}
