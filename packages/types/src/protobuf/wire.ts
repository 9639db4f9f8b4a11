import { ProtobufDecodeError } from './errors.js';

/**
 * The protobuf wire primitives the codec needs, and nothing else. protobufjs would do, but
 * loading it (with long.js, which it requires) takes ~35 ms, four times this whole package: too
 * much for a test cluster that starts in milliseconds. protobufjs checks these in the tests.
 */

const TWO_32 = 0x1_0000_0000;
const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

function eof(): ProtobufDecodeError {
  // gogo-protobuf's generated Unmarshal reports a message cut short as io.ErrUnexpectedEOF.
  return new ProtobufDecodeError('unexpected EOF');
}

export class WireReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  private byte(): number {
    if (this.pos >= this.buf.length) throw eof();
    return this.buf[this.pos++]!;
  }

  /** A varint's low 32 bits, unsigned (tags and lengths). */
  uint32(): number {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      const b = this.byte();
      if (shift < 32) value |= (b & 0x7f) << shift;
      if (b < 0x80) return value >>> 0;
    }
    throw new ProtobufDecodeError('proto: integer overflow');
  }

  /** An int64 varint as a number: exact up to 2^53, which Kubernetes' values stay within. */
  int64(): number {
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      const b = this.byte();
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) return (hi | 0) * TWO_32 + (lo >>> 0);
    }
    throw new ProtobufDecodeError('proto: integer overflow');
  }

  /** int32 varints are sign-extended to 64 bits on the wire; the low 32 bits are the value. */
  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** A length-delimited value; the view shares the input's memory. */
  bytes(): Uint8Array {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.buf.length) throw eof();
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  string(): string {
    const bytes = this.bytes();
    // Most strings of an object are short and ASCII, where TextDecoder's call costs more than a loop.
    if (bytes.length > 32) return utf8Decoder.decode(bytes);
    let out = '';
    for (const b of bytes) {
      if (b >= 0x80) return utf8Decoder.decode(bytes);
      out += String.fromCharCode(b);
    }
    return out;
  }

  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.uint32();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.bytes();
        return;
      case 3:
        // A group: fields up to the matching end-group tag.
        for (let tag = this.uint32(); (tag & 7) !== 4; tag = this.uint32()) this.skip(tag & 7);
        return;
      case 5:
        this.advance(4);
        return;
      default:
        throw new ProtobufDecodeError(`proto: illegal wireType ${wire}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.buf.length) throw eof();
    this.pos += n;
  }
}

/** Written byte by byte: for short ASCII strings, TextEncoder's call costs more than a loop. */
function isShortAscii(value: string): boolean {
  if (value.length > 32) return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 0x80) return false;
  return true;
}

export class WireWriter {
  private buf = new Uint8Array(512);
  private pos = 0;
  /** Starts of the messages being written; each has one byte reserved for its length. */
  private readonly open: number[] = [];

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  raw(bytes: Uint8Array | readonly number[]): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  tag(number: number, wire: number): this {
    return this.uint32(((number << 3) | wire) >>> 0);
  }

  uint32(value: number): this {
    this.reserve(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
    return this;
  }

  /** Two's complement over 64 bits, as Go writes int64 and negative int32. */
  int64(value: number): this {
    if (value >= 0 && value < TWO_32) return this.uint32(value);
    let lo = value % TWO_32 >>> 0;
    let hi = Math.floor(value / TWO_32) >>> 0;
    this.reserve(10);
    while (hi > 0 || lo >= 0x80) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.pos++] = lo;
    return this;
  }

  int32(value: number): this {
    return this.int64(value | 0);
  }

  bool(value: boolean): this {
    return this.uint32(value ? 1 : 0);
  }

  bytes(value: Uint8Array): this {
    return this.uint32(value.length).raw(value);
  }

  string(value: string): this {
    if (isShortAscii(value)) {
      this.reserve(value.length + 1);
      this.buf[this.pos++] = value.length;
      for (let i = 0; i < value.length; i++) this.buf[this.pos++] = value.charCodeAt(i);
      return this;
    }
    this.fork();
    this.reserve(value.length * 3);
    this.pos += utf8Encoder.encodeInto(value, this.buf.subarray(this.pos)).written;
    return this.ldelim();
  }

  /** Starts a length-delimited value (a message); {@link ldelim} ends it. */
  fork(): this {
    this.reserve(1);
    this.open.push(this.pos++);
    return this;
  }

  ldelim(): this {
    const start = this.open.pop()!;
    const length = this.pos - start - 1;
    let size = 1;
    while (length >= 2 ** (7 * size)) size++;
    if (size > 1) {
      // The reserved byte is too small for this length: move the content to make room.
      this.reserve(size - 1);
      this.buf.copyWithin(start + size, start + 1, this.pos);
      this.pos += size - 1;
    }
    const end = this.pos;
    this.pos = start;
    this.uint32(length);
    this.pos = end;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
