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
}

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
    },
  };
}
