import { startExpressEmbed } from '@kubekit/example-express-embed';
import { describeEmbeddedApp } from './embedded-app.js';

describeEmbeddedApp('examples/express-embed: an Express app serving the Kubernetes API under /k8s', startExpressEmbed);
