import { ApiException, CoreV1Api, type KubeConfig, type V1ConfigMap, type V1Namespace, makeInformer } from '@kubernetes/client-node';
import { WorkQueue } from './work-queue.js';

/** A Namespace with this label gets a ConfigMap `team` that names its team. */
export const TEAM_LABEL = 'example.com/team';
export const CONFIG_MAP_NAME = 'team';
/** Sent with every write, so the ConfigMap's managedFields name this controller. */
export const FIELD_MANAGER = 'team-controller';

export interface TeamControllerOptions {
  /** The first wait after an error other than a conflict or a 429; doubled each time, up to `maxDelayMs`. Default 200 ms. */
  baseDelayMs?: number;
  /** Default 10 s. */
  maxDelayMs?: number;
  /** Told of every failure and how long until the retry; silent by default. */
  log?: (message: string) => void;
}

export interface TeamController {
  /** Resolves once every namespace seen so far was reconciled, or failed and waits for its retry. */
  synced(): Promise<void>;
  stop(): Promise<void>;
}

const isApiError = (error: unknown, code: number): error is ApiException<unknown> => error instanceof ApiException && error.code === code;

/** How long to wait before handling a key again after `error`. */
export function retryDelayMs(error: unknown, failures: number, { baseDelayMs = 200, maxDelayMs = 10_000 }: TeamControllerOptions = {}): number {
  // 409 Conflict: the object changed since it was read; read it again and retry at once.
  if (isApiError(error, 409)) return 0;
  // 429 TooManyRequests: the server says when to come back (API Concepts, Retry-After).
  if (isApiError(error, 429)) {
    const seconds = Number(error.headers['retry-after']);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  }
  return Math.min(baseDelayMs * 2 ** (failures - 1), maxDelayMs);
}

function desiredData(namespace: V1Namespace): Record<string, string> | undefined {
  const team = namespace.metadata?.labels?.[TEAM_LABEL];
  return team === undefined || namespace.metadata?.deletionTimestamp ? undefined : { team };
}

const sameData = (a: Record<string, string> | undefined, b: Record<string, string>) =>
  Object.keys(a ?? {}).length === Object.keys(b).length && Object.entries(b).every(([key, value]) => a?.[key] === value);

/**
 * Watches Namespaces with an informer and keeps, in each one labelled `example.com/team`, a
 * ConfigMap `team` whose `data.team` is the label's value; it deletes the ConfigMap when the label
 * goes. Conflicts are retried at once, 429s after their Retry-After, other errors with
 * exponential backoff; a watch that ends or expires is resumed or relisted by the informer, and
 * one that fails is restarted after a backoff.
 */
export async function startTeamController(kubeConfig: KubeConfig, options: TeamControllerOptions = {}): Promise<TeamController> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const log = options.log ?? (() => undefined);
  const informer = makeInformer<V1Namespace>(kubeConfig, '/api/v1/namespaces', () => core.listNamespace());

  async function reconcile(name: string): Promise<void> {
    const namespace = informer.get(name);
    const data = namespace && desiredData(namespace);
    let current: V1ConfigMap | undefined;
    try {
      current = await core.readNamespacedConfigMap({ namespace: name, name: CONFIG_MAP_NAME });
    } catch (error) {
      if (!isApiError(error, 404)) throw error;
    }
    if (!data) {
      // Only ours: a ConfigMap of that name someone else made is left alone.
      if (current?.metadata?.labels?.[TEAM_LABEL] !== undefined && namespace && !namespace.metadata?.deletionTimestamp) {
        await core.deleteNamespacedConfigMap({ namespace: name, name: CONFIG_MAP_NAME }).catch((error: unknown) => {
          if (!isApiError(error, 404)) throw error;
        });
      }
      return;
    }
    const labels = { [TEAM_LABEL]: data['team']! };
    if (!current) {
      await core.createNamespacedConfigMap({ namespace: name, fieldManager: FIELD_MANAGER, body: { metadata: { name: CONFIG_MAP_NAME, labels }, data } });
    } else if (!sameData(current.data, data) || current.metadata?.labels?.[TEAM_LABEL] !== labels[TEAM_LABEL]) {
      // A replace with the resourceVersion just read: a write in between makes it a 409 Conflict.
      await core.replaceNamespacedConfigMap({
        namespace: name,
        name: CONFIG_MAP_NAME,
        fieldManager: FIELD_MANAGER,
        body: { ...current, metadata: { ...current.metadata, labels: { ...current.metadata?.labels, ...labels } }, data },
      });
    }
  }

  const queue = new WorkQueue(
    reconcile,
    (error, failures) => retryDelayMs(error, failures, options),
    (key, error, retryInMs) => log(`reconcile ${key} failed (${summary(error)}); retrying in ${retryInMs} ms`),
  );
  const enqueue = (namespace: V1Namespace) => {
    const name = namespace.metadata?.name;
    if (name) queue.add(name);
  };
  informer.on('add', enqueue);
  informer.on('update', enqueue);
  informer.on('delete', enqueue);

  let stopped = false;
  let restarts = 0;
  informer.on('error', (error: unknown) => {
    if (stopped) return;
    // client-node's informer stops on a failed list or watch; start it again after a backoff.
    const delay = retryDelayMs(error, ++restarts, options);
    log(`informer failed (${summary(error)}); restarting in ${delay} ms`);
    setTimeout(() => {
      if (!stopped) void informer.start().then(() => (restarts = 0));
    }, delay);
  });
  // Resolves once the first list is in the cache (its 'add' events queued) and the watch is open.
  await informer.start();

  return {
    synced: () => queue.drained(),
    async stop() {
      stopped = true;
      queue.stop();
      await informer.stop();
    },
  };
}

function summary(error: unknown): string {
  if (error instanceof ApiException) return `HTTP ${error.code}`;
  return error instanceof Error ? error.message : String(error);
}
