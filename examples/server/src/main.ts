import { pino } from 'pino';
import { USAGE, parseCliArgs } from './args.js';
import { startExampleServer } from './index.js';

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { kubeconfigPath, logLevel, controllers, nodes, etcd, ...options } = command.options;
  // JSON lines on stdout: pino's default destination, which it flushes when the process exits.
  const logger = pino({ level: logLevel });
  const running = await startExampleServer({
    ...options,
    kubeconfigPath,
    logger,
    ...(etcd && { etcd }),
    ...((controllers === 'all' || controllers.length > 0) && {
      controllers: {
        controllers,
        nodes,
        onError: (controller, key, error) => logger.debug({ controller, key, err: error }, 'reconcile failed; retrying'),
        // On etcd other servers may share the state: only the leader's controllers run (the
        // identity is startExampleServer's, `<hostname>_<uuid>`).
        ...(etcd && {
          leaderElection: {
            onChange: (leading: boolean, identity: string) =>
              logger.info({ identity, leading }, leading ? 'leading: the simulated controllers run here' : 'not leading: the simulated controllers run on another server'),
          },
        }),
      },
    }),
  });
  logger.info({ url: running.url }, `kubekit API server listening on ${running.url}`);
  if (etcd) logger.info({ etcd: etcd.servers, prefix: etcd.prefix }, `objects stored in etcd at ${etcd.servers.join(',')} under ${etcd.prefix}`);
  logger.info({ kubeconfig: kubeconfigPath }, `kubeconfig written to ${kubeconfigPath}`);
  logger.info(`try: kubectl --kubeconfig ${kubeconfigPath} get namespaces`);
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down: /readyz fails, watches end, then the listener and the store close');
    running.close().then(
      () => {
        logger.info('stopped');
        // Exit once the line is written: a pipe that is slow to take it must not lose it.
        logger.flush(() => process.exit(0));
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`kubekit-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
