import { describe, expect, it } from 'vitest';
import { StatusError } from '@kubekit/apimachinery';
import { bodyFormat, negotiate, parseAccept } from './negotiation.js';

// The Accept headers real clients send (WIRE.md).
const KUBECTL_TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const PROTOBUF_FIRST = 'application/vnd.kubernetes.protobuf,application/json';

describe('negotiate', () => {
  it('answers JSON by default and to */*', () => {
    expect(negotiate(undefined)).toEqual({ format: 'json' });
    expect(negotiate('application/json, */*')).toEqual({ format: 'json' });
    expect(negotiate('*/*')).toEqual({ format: 'json' });
  });

  it('falls back to JSON for a protobuf-first client', () => {
    expect(negotiate(PROTOBUF_FIRST)).toEqual({ format: 'json' });
  });

  it('serves Table where transforms are offered, JSON elsewhere', () => {
    expect(negotiate(KUBECTL_TABLE, { transforms: true })).toEqual({ format: 'table', version: 'v1' });
    expect(negotiate(KUBECTL_TABLE)).toEqual({ format: 'json' });
  });

  it('serves PartialObjectMetadata', () => {
    expect(negotiate('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1', { transforms: true })).toEqual({
      format: 'partial',
      version: 'v1',
    });
  });

  it('serves YAML unless streaming', () => {
    expect(negotiate('application/yaml')).toEqual({ format: 'yaml' });
    expect(() => negotiate('application/yaml', { yaml: false })).toThrow(StatusError);
  });

  it('offers Server-Sent Events on watch only', () => {
    expect(negotiate('text/event-stream', { eventStream: true })).toEqual({ format: 'event-stream' });
    expect(() => negotiate('text/event-stream')).toThrow(/only the following media types are accepted/);
  });

  it('honours q values', () => {
    expect(parseAccept('application/json;q=0.5, application/yaml').map((range) => range.subtype)).toEqual(['yaml', 'json']);
  });

  it('answers protobuf only to a client that accepts nothing else', () => {
    expect(negotiate('application/vnd.kubernetes.protobuf')).toEqual({ format: 'protobuf' });
    expect(negotiate(PROTOBUF_FIRST)).toEqual({ format: 'json' });
    expect(() => negotiate('application/vnd.kubernetes.protobuf', { protobuf: false })).toThrow(StatusError);
  });

  it('refuses what it cannot produce with 406', () => {
    try {
      negotiate('text/html');
      expect.unreachable();
    } catch (error) {
      expect((error as StatusError).status).toMatchObject({ code: 406, reason: 'NotAcceptable' });
    }
  });
});

describe('bodyFormat', () => {
  it('takes a missing Content-Type as JSON (kubectl scale --current-replicas sends none)', () => {
    expect(bodyFormat(undefined)).toBe('application/json');
    expect(bodyFormat('application/json; charset=utf-8')).toBe('application/json');
  });

  it('refuses an unknown format with 415', () => {
    expect(() => bodyFormat('text/plain')).toThrow(/the body of the request was in an unknown format/);
  });
});
