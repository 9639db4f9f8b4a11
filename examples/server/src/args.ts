import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTROLLER_NAMES, type ControllerName, DEFAULT_NODE_COUNT, parseControllerList } from '@kubekit/controllers';

export const USAGE = `Usage: kubekit-server [flags]

  --host ADDR          address to listen on (default 127.0.0.1)
  --port N             port to listen on (default 6443; 0 picks a free one)
  --kubeconfig PATH    write a kubeconfig for this server (default ./kubeconfig)
  --insecure-http      serve plain HTTP instead of HTTPS with a generated CA
  --seed FILE|DIR      apply these YAML/JSON manifests at start (a directory: its
                       *.yaml, *.yml and *.json files in name order)
  --controllers LIST   simulated controllers to run: all (default), none, or a
                       comma-separated list of ${CONTROLLER_NAMES.join(', ')}
  --nodes N            how many simulated nodes (default 3)
  --service-cluster-ip-range CIDR
                       the IPv4 range Service cluster IPs come from
                       (default 10.96.0.0/12)
  --etcd-servers URLS  keep objects in etcd (comma-separated client URLs, such as
                       http://127.0.0.1:2379) instead of in memory
  --etcd-prefix PATH   the key prefix in etcd (default /registry)
  --etcd-cafile FILE   CA of etcd's serving certificate (TLS to etcd)
  --etcd-certfile FILE client certificate for etcd
  --etcd-keyfile FILE  the client certificate's key
  --log-level LEVEL    fatal, error, warn, info (default), debug (one line per
                       request), trace or silent
  -h, --help           print this help
`;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CliOptions {
  host: string;
  port: number;
  /** Absolute. */
  kubeconfigPath: string;
  insecureHttp: boolean;
  /** As given: error messages name it the way the user wrote it. */
  seed?: string;
  logLevel: LogLevel;
  controllers: 'all' | ControllerName[];
  nodes: number;
  /** `--service-cluster-ip-range`: where Service cluster IPs come from. */
  serviceCIDR?: string;
  /** Set by `--etcd-servers`: where objects live instead of memory. */
  etcd?: EtcdFlags;
}

/** kube-apiserver's etcd flags; the files are absolute paths. */
export interface EtcdFlags {
  servers: string[];
  prefix: string;
  ca?: string;
  cert?: string;
  key?: string;
}

/** An IPv4 CIDR the cluster IP allocator takes: /8 to /30. */
const SERVICE_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/([89]|[12]\d|30)$/;

export type CliCommand = { help: true } | { help: false; options: CliOptions };

/** Reads the command line; throws an Error whose message is the one line to print. */
export function parseCliArgs(args: readonly string[], cwd = process.cwd()): CliCommand {
  const { values } = parseArgs({
    // `pnpm start -- --port 1` passes the `--` through; it means nothing here.
    args: args.filter((arg) => arg !== '--'),
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '6443' },
      kubeconfig: { type: 'string', default: './kubeconfig' },
      'insecure-http': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      controllers: { type: 'string', default: 'all' },
      nodes: { type: 'string', default: String(DEFAULT_NODE_COUNT) },
      'service-cluster-ip-range': { type: 'string' },
      'etcd-servers': { type: 'string' },
      'etcd-prefix': { type: 'string', default: '/registry' },
      'etcd-cafile': { type: 'string' },
      'etcd-certfile': { type: 'string' },
      'etcd-keyfile': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const port = Number(values.port);
  if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number, not ${values.port}`);
  }
  const logLevel = LOG_LEVELS.find((level) => level === values['log-level']);
  if (!logLevel) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not ${values['log-level']}`);
  const controllers = parseControllerList(values.controllers);
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 0 || values.nodes.trim() === '') throw new Error(`--nodes must be a number of nodes, not ${values.nodes}`);
  const serviceCIDR = values['service-cluster-ip-range'];
  if (serviceCIDR !== undefined && !SERVICE_CIDR.test(serviceCIDR)) throw new Error(`--service-cluster-ip-range must be an IPv4 CIDR from /8 to /30, not ${serviceCIDR}`);
  const etcd = etcdFlags(values, cwd);
  return {
    help: false,
    options: {
      host: values.host,
      port,
      kubeconfigPath: resolve(cwd, values.kubeconfig),
      insecureHttp: values['insecure-http'],
      ...(values.seed !== undefined && { seed: values.seed }),
      logLevel,
      controllers,
      nodes,
      ...(serviceCIDR !== undefined && { serviceCIDR }),
      ...(etcd && { etcd }),
    },
  };
}

function etcdFlags(values: Record<string, string | boolean | undefined>, cwd: string): EtcdFlags | undefined {
  const file = (name: string) => (typeof values[name] === 'string' ? resolve(cwd, values[name]) : undefined);
  const tlsFiles = ['etcd-cafile', 'etcd-certfile', 'etcd-keyfile'].filter((name) => values[name] !== undefined);
  const list = values['etcd-servers'];
  if (typeof list !== 'string') {
    if (tlsFiles.length > 0) throw new Error(`--${tlsFiles[0]} needs --etcd-servers`);
    return undefined;
  }
  const servers = list.split(',').map((server) => server.trim()).filter((server) => server !== '');
  for (const server of servers) {
    if (!/^https?:\/\/[^/]+\/?$/.test(server)) throw new Error(`--etcd-servers must be http:// or https:// client URLs, not ${server}`);
  }
  if (servers.length === 0) throw new Error('--etcd-servers needs at least one URL');
  const prefix = String(values['etcd-prefix']);
  if (!prefix.startsWith('/')) throw new Error(`--etcd-prefix must start with /, not ${prefix}`);
  const [ca, cert, key] = [file('etcd-cafile'), file('etcd-certfile'), file('etcd-keyfile')];
  if ((cert === undefined) !== (key === undefined)) throw new Error('--etcd-certfile and --etcd-keyfile go together');
  return { servers, prefix, ...(ca && { ca }), ...(cert && { cert }), ...(key && { key }) };
}
