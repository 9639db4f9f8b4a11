export { EtcdStorage, type EtcdStorageOptions } from './etcd-storage.js';
export { connectEtcd, type EtcdConnectionOptions } from './connect.js';
