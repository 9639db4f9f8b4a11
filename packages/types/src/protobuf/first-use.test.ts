import { expect, it } from 'vitest';
import { time, perSecond, ms } from '../timing.test-util.js';
import { CAPTURED } from './fixtures/captured-requests.js';
import { DEPLOYMENT, POD } from './fixtures/objects.js';

// Prints, does not assert: timings on shared machines are too noisy to gate on. README.md has
// figures measured with plain node on the built package.

it('prints first-use and per-object figures', async () => {
  const importStart = performance.now();
  const { decodeKubernetesProtobuf, encodeKubernetesProtobuf } = await import('./index.js');
  const importTime = performance.now() - importStart;
  const configMap = Buffer.from(CAPTURED.configmap!.body, 'base64');
  const [, firstConfigMap] = time(() => decodeKubernetesProtobuf(configMap));
  const [bytes, firstEncode] = time(() => encodeKubernetesProtobuf(DEPLOYMENT));
  const [decoded, firstDecode] = time(() => decodeKubernetesProtobuf(bytes));
  const [, firstPod] = time(() => decodeKubernetesProtobuf(encodeKubernetesProtobuf(POD)));
  expect(decoded.object).toEqual(DEPLOYMENT);
  const json = JSON.stringify(DEPLOYMENT);
  console.log(
    [
      `import '@kubekit/types/protobuf' (under vitest): ${ms(importTime)}`,
      `first decode (ConfigMap from kubectl; parses core/v1 and meta/v1 facts): ${ms(firstConfigMap)}`,
      `first encode of a Deployment (apps/v1 facts, its plans): ${ms(firstEncode)}, first decode: ${ms(firstDecode)}`,
      `first Pod encode + decode: ${ms(firstPod)}`,
      `Deployment: ${bytes.length} bytes in protobuf, ${json.length} in JSON`,
      `warm Deployment: encode ${perSecond(() => encodeKubernetesProtobuf(DEPLOYMENT), 2000)}/s, ` +
        `decode ${perSecond(() => decodeKubernetesProtobuf(bytes), 2000)}/s, ` +
        `JSON.parse ${perSecond(() => JSON.parse(json), 2000)}/s`,
    ].join('\n'),
  );
});
