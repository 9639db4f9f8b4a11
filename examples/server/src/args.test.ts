import { describe, expect, it } from 'vitest';
import { USAGE, parseCliArgs } from './args.js';

describe('parseCliArgs', () => {
  it('has defaults for every flag', () => {
    expect(parseCliArgs([], '/work')).toEqual({
      help: false,
      options: { host: '127.0.0.1', port: 6443, kubeconfigPath: '/work/kubeconfig', insecureHttp: false, logLevel: 'info', controllers: 'all', nodes: 3 },
    });
  });

  it('reads every flag, and ignores the `--` that `pnpm start --` passes through', () => {
    const args = ['--', '--host', '0.0.0.0', '--port', '0', '--kubeconfig', 'kc', '--insecure-http', '--seed', 'seed.yaml', '--log-level', 'debug', '--controllers', 'nodes,scheduler', '--nodes', '5', '--service-cluster-ip-range', '10.0.0.0/24'];
    expect(parseCliArgs(args, '/work')).toEqual({
      help: false,
      options: { host: '0.0.0.0', port: 0, kubeconfigPath: '/work/kc', insecureHttp: true, seed: 'seed.yaml', logLevel: 'debug', controllers: ['nodes', 'scheduler'], nodes: 5, serviceCIDR: '10.0.0.0/24' },
    });
    expect(parseCliArgs(['--controllers', 'none'], '/work')).toMatchObject({ options: { controllers: [] } });
  });

  it('answers --help and -h, and the usage lists every flag', () => {
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
    expect(parseCliArgs(['-h', '--port', 'x'])).toEqual({ help: true });
    for (const flag of ['--host', '--port', '--kubeconfig', '--insecure-http', '--seed', '--controllers', '--nodes', '--service-cluster-ip-range', '--etcd-servers', '--etcd-prefix', '--etcd-cafile', '--etcd-certfile', '--etcd-keyfile', '--log-level', '--help']) {
      expect(USAGE).toContain(flag);
    }
  });

  it("reads kube-apiserver's etcd flags", () => {
    expect(parseCliArgs(['--etcd-servers', 'http://127.0.0.1:2379'], '/work')).toMatchObject({ options: { etcd: { servers: ['http://127.0.0.1:2379'], prefix: '/registry' } } });
    const tls = ['--etcd-servers', 'https://a:2379, https://b:2379', '--etcd-prefix', '/kubekit', '--etcd-cafile', 'ca.pem', '--etcd-certfile', 'c.pem', '--etcd-keyfile', 'k.pem'];
    expect(parseCliArgs(tls, '/work')).toMatchObject({
      options: { etcd: { servers: ['https://a:2379', 'https://b:2379'], prefix: '/kubekit', ca: '/work/ca.pem', cert: '/work/c.pem', key: '/work/k.pem' } },
    });
    expect(() => parseCliArgs(['--etcd-servers', '127.0.0.1:2379'])).toThrow('--etcd-servers must be http:// or https:// client URLs, not 127.0.0.1:2379');
    expect(() => parseCliArgs(['--etcd-cafile', 'ca.pem'])).toThrow('--etcd-cafile needs --etcd-servers');
    expect(() => parseCliArgs(['--etcd-servers', 'http://e:2379', '--etcd-certfile', 'c.pem'])).toThrow('--etcd-certfile and --etcd-keyfile go together');
    expect(() => parseCliArgs(['--etcd-servers', 'http://e:2379', '--etcd-prefix', 'registry'])).toThrow('--etcd-prefix must start with /, not registry');
  });

  it('refuses a bad port, a bad log level and an unknown flag with a one-line message', () => {
    expect(() => parseCliArgs(['--port', '70000'])).toThrow('--port must be a port number, not 70000');
    expect(() => parseCliArgs(['--port', ''])).toThrow('--port must be a port number, not ');
    expect(() => parseCliArgs(['--log-level', 'loud'])).toThrow('--log-level must be one of fatal, error, warn, info, debug, trace, silent, not loud');
    expect(() => parseCliArgs(['--verbose'])).toThrow("Unknown option '--verbose'");
    expect(() => parseCliArgs(['--controllers', 'deployment,kubelet'])).toThrow(/^unknown controller kubelet; known: nodes, scheduler, .*, or all, or none$/);
    expect(() => parseCliArgs(['--nodes', 'many'])).toThrow('--nodes must be a number of nodes, not many');
    expect(() => parseCliArgs(['--service-cluster-ip-range', '10.0.0.0/31'])).toThrow('--service-cluster-ip-range must be an IPv4 CIDR from /8 to /30, not 10.0.0.0/31');
  });
});
