import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { formatTime } from '@kubekit/registry';
import type { ApiResponse } from '../api-request.js';
import { readObject } from '../body.js';
import { jsonValue } from '../respond.js';
import { type ResourceContext, namespaceOf } from './context.js';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const DEFAULT_EXPIRATION_SECONDS = 3600;

interface SigningKey {
  key: KeyObject;
  id: string;
}

let signingKey: SigningKey | undefined;

/** One ES256 key per process, made on first use (a real cluster's service-account signing key). */
function currentKey(): SigningKey {
  if (!signingKey) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
    signingKey = { key: privateKey, id };
  }
  return signingKey;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: unknown;
}

/**
 * POST serviceaccounts/{name}/token (authentication.k8s.io/v1 TokenRequest): a JWT for the
 * service account, signed ES256, with the claims the real issuer writes. `kubectl create token`.
 */
export async function handleTokenRequest(context: ResourceContext): Promise<ApiResponse> {
  const namespace = namespaceOf(context) ?? '';
  const name = context.info.name;
  const request = (await readObject(context.request, context.maxBodyBytes)) as {
    spec?: TokenRequestSpec;
  };
  const account = (await context.store.get(namespace, name)).object;
  const audiences = request.spec?.audiences?.length ? request.spec.audiences : [ISSUER];
  const lifetime = request.spec?.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  const now = context.now();
  const issuedAt = Math.floor(now / 1000);
  const { key, id } = currentKey();
  const claims = {
    aud: audiences,
    exp: issuedAt + lifetime,
    iat: issuedAt,
    iss: ISSUER,
    jti: randomUUID(),
    'kubernetes.io': { namespace, serviceaccount: { name, uid: account.metadata?.uid ?? '' } },
    nbf: issuedAt,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const unsigned = `${base64url({ alg: 'ES256', kid: id })}.${base64url(claims)}`;
  const signature = sign('sha256', Buffer.from(unsigned), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return jsonValue(201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: formatTime(now) },
    spec: { audiences, expirationSeconds: lifetime, boundObjectRef: request.spec?.boundObjectRef ?? null },
    status: { token: `${unsigned}.${signature}`, expirationTimestamp: formatTime(now + lifetime * 1000) },
  });
}
