import { installClients } from './clients.js';

export default function setup(): void {
  installClients();
}
