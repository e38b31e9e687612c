/** Child processes of the bench: the oracle server and the console workers (forked bundles in .build/). */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { DemoOptions } from './demo';
import { OracleClient } from './oracle-client';

const buildDir = __dirname; // bench/.build (the bundles sit side by side)

export interface OracleServer {
  client: OracleClient;
  stop(): Promise<void>;
}

export async function startOracleServer(options: DemoOptions & { slots: number }): Promise<OracleServer> {
  const child = fork(join(buildDir, 'oracle-server.cjs'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type: string; port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`oracle server exited with ${code}`)));
  });
  const client = new OracleClient(port);
  return {
    client,
    stop: () => stopChild(child).then(() => client.close()),
  };
}

export function stopChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface WorkerHandle<R> {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<R>;
  go(at: number): void;
}

/** Fork a worker with its config; `ready` when it is set up, `done` with its result message. */
export function forkWorker<R>(config: object): WorkerHandle<R> {
  const child = fork(join(buildDir, 'worker.cjs'), [JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  let onReady!: () => void;
  const ready = new Promise<void>((r) => {
    onReady = r;
  });
  const done = new Promise<R>((resolve, reject) => {
    child.on('message', (m: { type: string; error?: string }) => {
      if (m.type === 'ready') onReady();
      else if (m.type === 'done') resolve(m as R);
      else if (m.type === 'fatal') reject(new Error(`worker failed: ${m.error}`));
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before reporting`)));
  });
  done.catch(() => {});
  return { child, ready, done, go: (at) => child.send({ type: 'go', at }) };
}

/** Fork n workers, wait until all are set up, start them at one instant; resolves with all results. */
export async function runWorkers<R>(
  configs: object[],
  leadMs = 100,
  hooks: { beforeGo?: () => Promise<void>; onStart?: (startAt: number) => void } = {},
): Promise<{ results: R[]; startAt: number }> {
  const handles = configs.map((c) => forkWorker<R>(c));
  try {
    await Promise.race([
      Promise.all(handles.map((h) => h.ready)),
      Promise.all(handles.map((h) => h.done)).then(() => {
        throw new Error('a worker ended before it was ready');
      }),
    ]);
    await hooks.beforeGo?.();
    const startAt = Date.now() + leadMs;
    for (const h of handles) h.go(startAt);
    hooks.onStart?.(startAt);
    const results = await Promise.all(handles.map((h) => h.done));
    return { results, startAt };
  } finally {
    await Promise.all(handles.map((h) => stopChild(h.child)));
  }
}
