import type { Pod } from '@kubekit/types';

/** One line a container wrote, and when. */
export interface LogLine {
  /** Milliseconds since the epoch. */
  time: number;
  /** Without its newline. */
  text: string;
}

/** What a node's kubelet holds of one container's log. */
export interface ContainerLog {
  /** The lines so far, oldest first. */
  readonly lines: readonly LogLine[];
  /** Whether the container still runs: a followed log ends once it stops. */
  readonly running: boolean;
  /** Calls `listener` with each new line, then with `undefined` once the container stops; returns a function that stops listening. */
  follow(listener: (line: LogLine | undefined) => void): () => void;
}

/**
 * What the API server reaches on a node through its kubelet (the real one proxies `pods/log` to
 * the kubelet's port): a simulated kubelet registers one with `server.connectNode()`.
 */
export interface NodeConnection {
  /**
   * The log of `container` in `pod` (as the server read it for the request): of its current run,
   * or of the one before it (`previous`); undefined when there is none.
   */
  containerLog(pod: Readonly<Pod>, container: string, previous: boolean): ContainerLog | undefined;
}

/** The kubelets the server can reach, by node name. */
export class NodeConnections {
  readonly #byNode = new Map<string, NodeConnection>();

  /** Registers the connection to a node; the returned function removes it. */
  connect(node: string, connection: NodeConnection): () => void {
    this.#byNode.set(node, connection);
    return () => {
      if (this.#byNode.get(node) === connection) this.#byNode.delete(node);
    };
  }

  get(node: string): NodeConnection | undefined {
    return this.#byNode.get(node);
  }
}
