export { type EtcdProcess, type EtcdProcessOptions, etcdAvailable, startEtcd } from './etcd-process.js';
