import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startExampleServer } from './index.js';

const USAGE = `Usage: kubekit-server [--port N] [--host ADDR] [--kubeconfig PATH] [--insecure-http]

  --port N           port to listen on (default 6443; 0 picks a free one)
  --host ADDR        address to listen on (default 127.0.0.1)
  --kubeconfig PATH  write a kubeconfig for this server (default ./kubeconfig)
  --insecure-http    serve plain HTTP instead of HTTPS with a generated CA
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    // `pnpm start -- --port 1` passes the `--` through; it means nothing here.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      kubeconfig: { type: 'string', default: './kubeconfig' },
      'insecure-http': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const kubeconfigPath = resolve(values.kubeconfig);
  const running = await startExampleServer({ port, host: values.host, insecureHttp: values['insecure-http'], kubeconfigPath });
  process.stdout.write(`kubekit API server listening on ${running.url}\n`);
  process.stdout.write(`kubeconfig written to ${kubeconfigPath}\n`);
  process.stdout.write(`try: kubectl --kubeconfig ${kubeconfigPath} get namespaces\n`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`kubekit-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
