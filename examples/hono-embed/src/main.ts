import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHonoEmbed } from './index.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    port: { type: 'string', default: '8443' },
    kubeconfig: { type: 'string', default: './kubeconfig' },
  },
});
const kubeconfigPath = resolve(values.kubeconfig);
const running = await startHonoEmbed({ port: Number(values.port), kubeconfigPath });
process.stdout.write(`app listening on ${running.url.slice(0, -'/k8s'.length)} (try /todos), Kubernetes API on ${running.url}\n`);
process.stdout.write(`try: kubectl --kubeconfig ${kubeconfigPath} get namespaces\n`);
const stop = () => void running.close().then(() => process.exit(0), () => process.exit(1));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
