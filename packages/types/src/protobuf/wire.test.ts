import fc from 'fast-check';
import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError } from './errors.js';
import { WireReader, WireWriter } from './wire.js';

// The wire primitives against protobufjs' Writer, byte for byte.

describe('WireWriter and WireReader', () => {
  it('write varints as protobufjs does', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer(), fc.nat({ max: 0xffff_ffff }), fc.boolean(), (i64, i32, u32, bool) => {
        const ours = new WireWriter().int64(i64).int32(i32).uint32(u32).bool(bool).finish();
        const theirs = protobuf.Writer.create().int64(i64).int32(i32).uint32(u32).bool(bool).finish();
        expect(ours).toEqual(new Uint8Array(theirs));
        const reader = new WireReader(ours);
        expect([reader.int64(), reader.int32(), reader.uint32(), reader.bool()]).toEqual([i64, i32, u32, bool]);
        expect(reader.pos).toBe(ours.length);
      }),
    );
  });

  it('write strings, bytes and nested messages of any length as protobufjs does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.uint8Array({ maxLength: 20_000 }), (text, bytes) => {
        const ours = new WireWriter().fork().string(text).fork().bytes(bytes).ldelim().ldelim().finish();
        const theirs = protobuf.Writer.create().fork().string(text).fork().bytes(bytes).ldelim().ldelim().finish();
        expect(ours).toEqual(new Uint8Array(theirs));
        const reader = new WireReader(ours);
        reader.uint32();
        expect(reader.string()).toBe(text);
        expect(new WireReader(reader.bytes()).bytes()).toEqual(bytes);
      }),
    );
  });

  it('skips every wire type, groups included', () => {
    const bytes = protobuf.Writer.create()
      .uint32((1 << 3) | 0).int64(-5)
      .uint32((2 << 3) | 1).fixed64(1)
      .uint32((3 << 3) | 2).string('x')
      .uint32((4 << 3) | 5).fixed32(1)
      .uint32((5 << 3) | 3).uint32((1 << 3) | 0).uint32(1).uint32((5 << 3) | 4)
      .uint32((6 << 3) | 0).uint32(42)
      .finish();
    const reader = new WireReader(bytes);
    for (let i = 0; i < 5; i++) reader.skip(reader.uint32() & 7);
    expect([reader.uint32(), reader.uint32()]).toEqual([6 << 3, 42]);
  });

  it('reports input cut short', () => {
    expect(() => new WireReader(new Uint8Array([0x80])).uint32()).toThrow(new ProtobufDecodeError('unexpected EOF'));
    expect(() => new WireReader(new Uint8Array([5, 1])).bytes()).toThrow('unexpected EOF');
    expect(() => new WireReader(new Uint8Array([1, 2])).skip(1)).toThrow('unexpected EOF');
    expect(() => new WireReader(new Uint8Array([1])).skip(7)).toThrow('proto: illegal wireType 7');
  });
});
