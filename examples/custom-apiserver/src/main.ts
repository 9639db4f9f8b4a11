import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFooServer } from './index.js';

const USAGE = `Usage: custom-apiserver [--port N] [--host ADDR] [--kubeconfig PATH]

Serves hello.zeng.dev/v1 Foo over HTTPS with a generated CA.
  --port N           port to listen on (default 6443; 0 picks a free one)
  --host ADDR        address to listen on (default 127.0.0.1)
  --kubeconfig PATH  write a kubeconfig for this server (default ./kubeconfig)
`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    port: { type: 'string', default: '6443' },
    host: { type: 'string', default: '127.0.0.1' },
    kubeconfig: { type: 'string', default: './kubeconfig' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
} else {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`custom-apiserver: --port must be a port number, not ${values.port}\n`);
    process.exit(1);
  }
  const kubeconfigPath = resolve(values.kubeconfig);
  const running = await startFooServer({ port, host: values.host, kubeconfigPath });
  process.stdout.write(`Foo API server (hello.zeng.dev/v1) listening on ${running.url}\n`);
  process.stdout.write(`kubeconfig written to ${kubeconfigPath}\n`);
  process.stdout.write(`try: kubectl --kubeconfig ${kubeconfigPath} get foos\n`);
  const stop = () => void running.close().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
