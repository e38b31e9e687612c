/**
 * Small file helpers for the connection store: atomic owner-only writes and safe backups.
 */
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const posixModes = process.platform !== 'win32';

/** Write `data` to `file` atomically (temp file in the same directory, fsync, rename), mode 0600. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true }).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    if (posixModes) await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => {});
    throw error;
  }
  // make the rename durable where the platform allows fsync on a directory
  if (posixModes) {
    try {
      const d = await open(dir, 'r');
      try {
        await d.sync();
      } finally {
        await d.close();
      }
    } catch {
      // not fatal
    }
  }
}

/** Read a file; undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Copy an unreadable file aside (never overwriting an earlier backup); returns the backup path. */
export async function backupFile(file: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let i = 0; ; i++) {
    const target = `${file}.corrupt-${stamp}${i ? `-${i}` : ''}`;
    try {
      await copyFile(file, target, 1 /* COPYFILE_EXCL */);
      if (posixModes) await chmod(target, 0o600);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw error;
    }
  }
}
