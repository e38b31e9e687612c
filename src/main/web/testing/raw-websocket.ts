/**
 * A WebSocket client that speaks raw bytes: it performs a valid upgrade on a plain TCP socket and then
 * writes whatever frames a test hands it, well-formed or not. Used to prove that a hostile frame closes
 * only its own socket.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface FrameSpec {
  fin?: boolean;
  /** RSV1..RSV3 as a 3-bit number (0b100 = RSV1) */
  rsv?: number;
  opcode: number;
  /** clients must mask; false sends an unmasked frame */
  masked?: boolean;
  payload?: Buffer;
  /** announce this length instead of the payload's own (64-bit form), to claim oversized frames */
  announcedLength?: bigint;
}

export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const masked = spec.masked ?? true;
  const first = (spec.fin === false ? 0 : 0x80) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  const length = spec.announcedLength ?? BigInt(payload.length);
  let header: Buffer;
  if (spec.announcedLength === undefined && length < 126n) {
    header = Buffer.from([first, (masked ? 0x80 : 0) | Number(length)]);
  } else if (spec.announcedLength === undefined && length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (key[i % 4] as number);
  return Buffer.concat([header, key, body]);
}

export interface RawSocket {
  readonly socket: Socket;
  /** bytes the server sent after the 101 response */
  received(): Buffer;
  /** resolves when the server ends or destroys the TCP connection */
  readonly closed: Promise<void>;
  /** the status code of the server's close frame, if it sent one */
  closeCode(): number | undefined;
}

/** Opens a TCP socket, sends a valid upgrade for `path` and resolves once the server answered 101. */
export async function openRawWebSocket(port: number, path: string, host = '127.0.0.1'): Promise<RawSocket> {
  const socket = connect(port, host);
  socket.on('error', () => {}); // a reset after a hostile frame is expected
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (upgraded) return;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 4);
      if (!head.startsWith('HTTP/1.1 101')) {
        reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        return;
      }
      upgraded = true;
      resolve();
    });
    closed.then(() => reject(new Error('closed before the upgrade')));
  });
  return {
    socket,
    received: () => buffer,
    closed,
    closeCode: () => {
      // server frames are unmasked: find the first close frame (opcode 8) and read its status code
      let offset = 0;
      while (offset + 2 <= buffer.length) {
        const opcode = (buffer[offset] as number) & 0x0f;
        let length = (buffer[offset + 1] as number) & 0x7f;
        let start = offset + 2;
        if (length === 126) {
          length = buffer.readUInt16BE(offset + 2);
          start += 2;
        } else if (length === 127) {
          length = Number(buffer.readBigUInt64BE(offset + 2));
          start += 8;
        }
        if (opcode === 0x08) return length >= 2 ? buffer.readUInt16BE(start) : undefined;
        offset = start + length;
      }
      return undefined;
    },
  };
}
