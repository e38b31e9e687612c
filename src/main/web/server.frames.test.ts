/**
 * Hostile WebSocket frames from a client that holds the token: each one must close that socket with the
 * RFC 6455 status code and nothing else (the server, other sockets and HTTP keep working). Without an
 * 'error' listener on the server-side socket, `ws` re-throws the frame error and the process exits; vitest
 * reports that as an unhandled error and the run fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AppEvents } from '../events';
import { createDispatcher } from '../ipc/dispatcher';
import { EVENTS_MAX_PAYLOAD_BYTES, startWebServer, type WebServer } from './server';
import { encodeFrame, type FrameSpec, openRawWebSocket } from './testing/raw-websocket';

const TOKEN = 'frames-token';
const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

const closePayload = (code: number, reason: Buffer = Buffer.alloc(0)): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return Buffer.concat([b, reason]);
};

interface HostileCase {
  name: string;
  frames: FrameSpec[];
  /** the close code the server must send (RFC 6455 §7.4.1) */
  code: number;
}

const invalidUtf8 = Buffer.from([0x68, 0x69, 0xc3, 0x28, 0xf0, 0x28, 0x8c, 0xbc]);

const hostileCases: HostileCase[] = [
  {
    name: 'oversized text frame (payload sent)',
    frames: [{ opcode: TEXT, payload: Buffer.alloc(EVENTS_MAX_PAYLOAD_BYTES + 1, 0x61) }],
    code: 1009,
  },
  {
    name: 'oversized frame announced by its 64-bit length',
    frames: [{ opcode: BINARY, announcedLength: 1n << 40n }],
    code: 1009,
  },
  {
    name: 'length with the most significant bit set',
    frames: [{ opcode: BINARY, announcedLength: 1n << 63n }],
    code: 1009,
  },
  {
    name: 'oversized message built from small fragments',
    frames: [
      { opcode: BINARY, fin: false, payload: Buffer.alloc(EVENTS_MAX_PAYLOAD_BYTES / 2 + 1) },
      { opcode: CONTINUATION, payload: Buffer.alloc(EVENTS_MAX_PAYLOAD_BYTES / 2 + 1) },
    ],
    code: 1009,
  },
  { name: 'invalid UTF-8 in a text frame', frames: [{ opcode: TEXT, payload: invalidUtf8 }], code: 1007 },
  {
    name: 'invalid UTF-8 split across fragments',
    frames: [
      { opcode: TEXT, fin: false, payload: Buffer.from([0x61, 0xe2, 0x82]) },
      { opcode: CONTINUATION, payload: Buffer.from([0x28, 0x61]) },
    ],
    code: 1007,
  },
  {
    name: 'invalid UTF-8 in a close reason',
    frames: [{ opcode: CLOSE, payload: closePayload(1000, invalidUtf8) }],
    code: 1007,
  },
  {
    name: 'unmasked text frame',
    frames: [{ opcode: TEXT, masked: false, payload: Buffer.from('hi') }],
    code: 1002,
  },
  { name: 'unmasked ping', frames: [{ opcode: PING, masked: false }], code: 1002 },
  ...[0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf].map((opcode) => ({
    name: `reserved opcode 0x${opcode.toString(16)}`,
    frames: [{ opcode, payload: Buffer.from('x') }],
    code: 1002,
  })),
  ...[0b100, 0b010, 0b001, 0b111].map((rsv) => ({
    name: `reserved bits ${rsv.toString(2).padStart(3, '0')} (no extension negotiated)`,
    frames: [{ opcode: TEXT, rsv, payload: Buffer.from('x') }],
    code: 1002,
  })),
  { name: 'reserved bit on a ping', frames: [{ opcode: PING, rsv: 0b100 }], code: 1002 },
  ...[0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535].map((status) => ({
    name: `close code ${status}`,
    frames: [{ opcode: CLOSE, payload: closePayload(status) }],
    code: 1002,
  })),
  {
    name: 'close frame with a 1-byte body',
    frames: [{ opcode: CLOSE, payload: Buffer.from([0x03]) }],
    code: 1002,
  },
  ...[PING, PONG, CLOSE].map((opcode) => ({
    name: `fragmented control frame 0x${opcode.toString(16)}`,
    frames: [{ opcode, fin: false, payload: Buffer.from('x') }],
    code: 1002,
  })),
  {
    name: 'control frame longer than 125 bytes',
    frames: [{ opcode: PING, payload: Buffer.alloc(126) }],
    code: 1002,
  },
  {
    name: 'continuation frame without a message to continue',
    frames: [{ opcode: CONTINUATION, payload: Buffer.from('x') }],
    code: 1002,
  },
  {
    name: 'new data frame inside a fragmented message',
    frames: [
      { opcode: TEXT, fin: false, payload: Buffer.from('a') },
      { opcode: TEXT, payload: Buffer.from('b') },
    ],
    code: 1002,
  },
];

describe('browser-mode events socket under hostile frames', () => {
  const events = new AppEvents();
  const dispatch = createDispatcher({
    'app:info': () => ({ version: '9', runtime: 'web', platform: 'linux', locale: 'en' }),
  });
  let server: WebServer;
  let dir: string;
  let bystander: WebSocket;
  const bystanderMessages: string[] = [];
  let framesSent = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tms-web-frames-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>TMS</title>');
    server = await startWebServer({ core: { dispatch, events }, staticDir: dir, token: TOKEN });
    bystander = new WebSocket(`${server.url.replace('http', 'ws')}api/events?token=${TOKEN}`);
    bystander.on('message', (data) => bystanderMessages.push(String(data)));
    await new Promise((resolve, reject) => {
      bystander.once('open', resolve);
      bystander.once('error', reject);
    });
  });
  afterAll(async () => {
    bystander.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`hostile WebSocket frames sent: ${framesSent} in ${hostileCases.length} kinds`);
  });

  /** the server, the other socket and HTTP still work */
  async function expectServerUnharmed(marker: string): Promise<void> {
    const seen = new Promise<void>((resolve) => {
      const check = (): void => {
        if (bystanderMessages.some((m) => m.includes(marker))) resolve();
        else setTimeout(check, 5);
      };
      check();
    });
    events.emit('app:redisState', { enabled: true, breaker: 'closed', connected: true, url: marker });
    await seen;
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    const res = await fetch(`${server.url}api/invoke/app:info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tms-token': TOKEN },
      body: '{}',
    });
    expect(res.status).toBe(200);
  }

  it.each(hostileCases)(
    '$name closes that socket with $code and nothing else',
    async ({ frames, code, name }) => {
      const raw = await openRawWebSocket(server.port, `/api/events?token=${TOKEN}`);
      for (const frame of frames) {
        raw.socket.write(encodeFrame(frame));
        framesSent++;
      }
      await raw.closed;
      expect(raw.closeCode()).toBe(code);
      await expectServerUnharmed(`after ${name}`);
    },
  );

  it('a frame cut off mid-header or mid-payload, then a reset, harms nothing', async () => {
    for (const cut of [1, 5, 9]) {
      const raw = await openRawWebSocket(server.port, `/api/events?token=${TOKEN}`);
      raw.socket.write(encodeFrame({ opcode: TEXT, payload: Buffer.from('hello world') }).subarray(0, cut));
      framesSent++;
      raw.socket.resetAndDestroy();
      await raw.closed;
    }
    await expectServerUnharmed('after cut frames');
  });

  it('well-formed frames a client has no reason to send are ignored, the socket stays open', async () => {
    const raw = await openRawWebSocket(server.port, `/api/events?token=${TOKEN}`);
    raw.socket.write(encodeFrame({ opcode: TEXT, payload: Buffer.from('{"hello":1}') }));
    raw.socket.write(encodeFrame({ opcode: PONG }));
    raw.socket.write(encodeFrame({ opcode: PING, payload: Buffer.from('p') }));
    framesSent += 3;
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (raw.received().length > 0)
          resolve(); // the pong
        else setTimeout(check, 5);
      };
      check();
    });
    expect(raw.socket.destroyed).toBe(false);
    expect(raw.closeCode()).toBeUndefined();
    raw.socket.destroy();
  });

  it('a request target that is not a valid URL on the upgrade path answers 400, not a crash', async () => {
    for (const target of ['//[', '//%', 'http://[::1', '/api/events?token=%E0%A4%A']) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(server.port, '127.0.0.1');
        let text = '';
        socket.on('data', (d) => {
          text += d.toString('latin1');
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve(text));
        socket.write(
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\n` +
            'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
        );
      });
      expect(answer).toMatch(/^HTTP\/1\.1 (400|401)/);
    }
    await expectServerUnharmed('after bad upgrade targets');
  });
});

describe('browser-mode events socket and a client that stops reading', () => {
  it('drops that socket once its unsent events pass the backlog limit, and keeps the others', async () => {
    const events = new AppEvents();
    const dir = mkdtempSync(join(tmpdir(), 'tms-web-backlog-'));
    const server = await startWebServer({
      core: { dispatch: createDispatcher({}), events },
      staticDir: dir,
      token: TOKEN,
      maxEventBacklogBytes: 256 * 1024,
    });
    try {
      const stalled = await openRawWebSocket(server.port, `/api/events?token=${TOKEN}`);
      stalled.socket.pause(); // never reads again: the kernel buffers fill, then ws buffers
      const reader = new WebSocket(`${server.url.replace('http', 'ws')}api/events?token=${TOKEN}`);
      let received = 0;
      reader.on('message', () => received++);
      await new Promise((resolve) => reader.once('open', resolve));
      const big = 'x'.repeat(64 * 1024);
      const sent = 400; // 25 MiB: far beyond what loopback buffers hold for a paused reader
      for (let i = 0; i < sent; i++) {
        events.emit('app:redisState', { enabled: true, breaker: 'closed', connected: true, url: big });
        await new Promise((resolve) => setImmediate(resolve));
      }
      stalled.socket.resume(); // reads what was sent before the drop, then sees the connection end
      await stalled.closed;
      expect(stalled.received().length).toBeLessThan(sent * big.length);
      await new Promise<void>((resolve) => {
        const check = (): void => (received >= sent ? resolve() : void setTimeout(check, 5));
        check();
      });
      expect(reader.readyState).toBe(WebSocket.OPEN);
      reader.close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
