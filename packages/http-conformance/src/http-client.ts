import { type IncomingHttpHeaders, type ClientRequest, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body as JSON (a Status, an object, a list). */
  json<T = Record<string, unknown>>(): T;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** One request on a connection of its own (no keep-alive: no test sees another's socket). */
export function call(url: string, options: CallOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body.toString('utf8')) as T });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface WatchEvent {
  type: string;
  object: { kind?: string; metadata?: { name?: string; resourceVersion?: string }; data?: Record<string, string>; code?: number; reason?: string };
}

/** A watch being read over its own connection: one JSON event per line. */
export interface OpenWatch {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The next event; undefined once the server ended the stream. */
  next(): Promise<WatchEvent | undefined>;
  /** Resolves once the server ended the stream cleanly. */
  readonly ended: Promise<void>;
  /** Goes away as a client does: the socket is destroyed. */
  disconnect(): void;
}

export function openWatch(url: string, headers: Record<string, string> = {}): Promise<OpenWatch> {
  return new Promise((resolve, reject) => {
    let disconnected = false;
    const req: ClientRequest = request(url, { headers, agent: false }, (res) => {
      const events: WatchEvent[] = [];
      const waiting: ((event: WatchEvent | undefined) => void)[] = [];
      let done = false;
      let pending = '';
      let endStream: () => void = () => undefined;
      const ended = new Promise<void>((resolveEnded) => (endStream = resolveEnded));
      const push = (event: WatchEvent | undefined) => {
        const waiter = waiting.shift();
        if (waiter) waiter(event);
        else if (event) events.push(event);
      };
      res.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (line.trim() !== '') push(JSON.parse(line) as WatchEvent);
        }
      });
      res.on('end', () => {
        done = true;
        for (const waiter of waiting.splice(0)) waiter(undefined);
        endStream();
      });
      res.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        ended,
        next: () => {
          const event = events.shift();
          if (event || done) return Promise.resolve(event);
          return new Promise((resolveEvent) => waiting.push(resolveEvent));
        },
        disconnect: () => {
          disconnected = true;
          req.destroy();
        },
      });
    });
    req.on('error', (error) => (disconnected ? undefined : reject(error)));
    req.end();
  });
}
