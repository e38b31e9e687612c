/**
 * Test harness for Redis as deployed: a TLS-only redis-server with a CA and certificates made by `openssl`
 * in a temporary folder, and a Sentinel set (a primary, a replica, three sentinels) run from the same
 * binary (`redis-server <conf> --sentinel`). Everything runs as children on free loopback ports and is
 * removed by `stop()`. Tests never touch a Redis they did not start.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, type RedisServerHandle, startRedisServer } from './redis-server';

const execFileAsync = promisify(execFile);

export interface TestCertificates {
  dir: string;
  ca: Buffer;
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCert: Buffer;
  clientKey: Buffer;
  /** a CA that signed nothing here: a client trusting only it must refuse the server */
  otherCa: Buffer;
}

/** A CA, a server certificate for 127.0.0.1/localhost and a client certificate (EC P-256, valid 1 day). */
export async function makeCertificates(): Promise<TestCertificates> {
  const dir = mkdtempSync(join(tmpdir(), 'tms-tls-'));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileAsync('openssl', args, { cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    for (const ca of ['ca', 'other-ca']) {
      await ssl(
        'req',
        '-x509',
        ...ec,
        '-keyout',
        f(`${ca}.key`),
        '-out',
        f(`${ca}.crt`),
        '-days',
        '1',
        '-subj',
        `/CN=tms test ${ca}`,
      );
    }
    writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    writeFileSync(f('client.ext'), 'extendedKeyUsage=clientAuth\n');
    for (const who of ['server', 'client']) {
      await ssl(
        'req',
        ...ec,
        '-keyout',
        f(`${who}.key`),
        '-out',
        f(`${who}.csr`),
        '-subj',
        `/CN=tms test ${who}`,
      );
      await ssl(
        'x509',
        '-req',
        '-in',
        f(`${who}.csr`),
        '-CA',
        f('ca.crt'),
        '-CAkey',
        f('ca.key'),
        '-CAcreateserial',
        '-out',
        f(`${who}.crt`),
        '-days',
        '1',
        '-extfile',
        f(`${who}.ext`),
      );
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    ca: readFileSync(f('ca.crt')),
    caFile: f('ca.crt'),
    serverCertFile: f('server.crt'),
    serverKeyFile: f('server.key'),
    clientCert: readFileSync(f('client.crt')),
    clientKey: readFileSync(f('client.key')),
    otherCa: readFileSync(f('other-ca.crt')),
  };
}

export interface TlsRedisHandle {
  server: RedisServerHandle;
  certs: TestCertificates;
  /** `rediss://127.0.0.1:<tls port>` */
  url: string;
  stop(): Promise<void>;
}

/** redis-server listening on TLS only (`--port 0 --tls-port`), optionally requiring client certificates. */
export async function startTlsRedis(options: { clientCertificates?: boolean } = {}): Promise<TlsRedisHandle> {
  const certs = await makeCertificates();
  try {
    const port = await freePort();
    const server = await startRedisServer({
      port,
      args: [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--tls-cert-file',
        certs.serverCertFile,
        '--tls-key-file',
        certs.serverKeyFile,
        '--tls-ca-cert-file',
        certs.caFile,
        '--tls-auth-clients',
        options.clientCertificates ? 'yes' : 'no',
      ],
    });
    return {
      server,
      certs,
      url: `rediss://127.0.0.1:${port}`,
      stop: async () => {
        await server.stop();
        rmSync(certs.dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(certs.dir, { recursive: true, force: true });
    throw error;
  }
}

export interface SentinelSetHandle {
  /** the master group name */
  name: string;
  primary: RedisServerHandle;
  replica: RedisServerHandle;
  sentinels: { host: string; port: number }[];
  /** the address the sentinels currently report for the master */
  masterAddress(): Promise<{ host: string; port: number }>;
  stop(): Promise<void>;
}

/**
 * A primary, one replica and three sentinels (quorum 2) with a short `down-after-milliseconds`, so a
 * killed primary is failed over in a few seconds.
 */
export async function startSentinelSet(options: { downAfterMs?: number } = {}): Promise<SentinelSetHandle> {
  const name = 'tms-test';
  const downAfterMs = options.downAfterMs ?? 1000;
  const started: { stop(): Promise<void> }[] = [];
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tms-sentinel-'));
  const stopAll = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    for (const s of started.reverse()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const primary = await startRedisServer();
    started.push(primary);
    const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
    started.push(replica);
    await waitFor(
      async () => (await cli(replica.port, 'info', 'replication')).includes('master_link_status:up'),
      10_000,
      'replica in sync',
    );
    const sentinels: { host: string; port: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
          `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
          `sentinel failover-timeout ${name} 10000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      children.push(await spawnSentinel(conf, port));
      sentinels.push({ host: '127.0.0.1', port });
    }
    // every sentinel knows the replica and the other sentinels before a failover can be agreed
    for (const s of sentinels) {
      await waitFor(
        async () => {
          const out = await cli(s.port, 'sentinel', 'master', name);
          const lines = out.trim().split('\n');
          const field = (k: string) => Number(lines[lines.indexOf(k) + 1]);
          return field('num-slaves') >= 1 && field('num-other-sentinels') >= 2;
        },
        15_000,
        `sentinel ${s.port} discovered the replica and its peers`,
      );
    }
    return {
      name,
      primary,
      replica,
      sentinels,
      masterAddress: async () => {
        const [host, port] = (await cli(sentinels[0]!.port, 'sentinel', 'get-master-addr-by-name', name))
          .trim()
          .split('\n');
        return { host: host!, port: Number(port) };
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('redis-cli', ['-p', String(port), ...args]);
  return stdout;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function spawnSentinel(conf: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn('redis-server', [conf, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`sentinel on port ${port} not ready:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('+monitor master')) {
        clearTimeout(timer);
        proc.stdout?.off('data', onData);
        proc.stdout?.resume();
        resolve(proc);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sentinel on port ${port} exited with ${code}:\n${output}`));
    });
  });
}
