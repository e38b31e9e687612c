/** The consoles' side of the oracle server: keep-alive HTTP on loopback. */
import { Agent, request } from 'node:http';

export class OracleClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 64 });
  constructor(readonly port: number) {}

  call<T = unknown>(m: string, a: readonly unknown[], tag?: string): Promise<T> {
    const body = JSON.stringify(tag ? { m, a, tag } : { m, a });
    return new Promise<T>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/call',
          agent: this.#agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => {
            if (res.statusCode !== 200)
              reject(new Error(`oracle server ${res.statusCode}: ${text.slice(0, 200)}`));
            else {
              try {
                resolve(JSON.parse(text) as T);
              } catch (error) {
                reject(error);
              }
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async stats(): Promise<{
    total: number;
    counts: Record<string, number>;
    times: Record<string, number[]>;
    maxInFlight: number;
    queued: number;
  }> {
    return this.#json('GET', '/stats');
  }

  async reset(): Promise<void> {
    await this.#json('POST', '/reset');
  }

  #json<T>(method: string, path: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path, agent: this.#agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve(JSON.parse(text) as T));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
