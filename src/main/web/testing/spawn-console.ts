/**
 * Starts the built console in browser mode (`node out/main/web.js`) as a child process and waits for the
 * URL it prints. Used by the e2e suite and the renderer benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SpawnedConsole {
  /** http://127.0.0.1:PORT/ (without the token) */
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

export async function spawnWebConsole(options: {
  rootDir?: string;
  env: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}): Promise<SpawnedConsole> {
  const rootDir = options.rootDir ?? process.cwd();
  const child: ChildProcess = spawn(process.execPath, [join(rootDir, 'out/main/web.js')], {
    cwd: rootDir,
    env: { ...process.env, PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web server did not start:\n${output}`)),
      options.startTimeoutMs ?? 20_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
