import { startHonoEmbed } from '@kubekit/example-hono-embed';
import { describeEmbeddedApp } from './embedded-app.js';

describeEmbeddedApp('examples/hono-embed: a Hono app (on @hono/node-server) serving the Kubernetes API under /k8s', startHonoEmbed);
