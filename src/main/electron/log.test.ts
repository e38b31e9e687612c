import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatError, RotatingLog, redact } from './log';

describe('redact', () => {
  it.each([
    ['password=tiger retry', 'password=*** retry'],
    ['PASSWORD = "t i g e r"', 'PASSWORD = ***'],
    ['user=scott;password=tiger;host=db', 'user=scott;password=***;host=db'],
    ['{"user":"scott","password":"ti\\"ger","host":"db"}', '{"user":"scott","password":"***","host":"db"}'],
    ["{ password: 'tiger', user: 'scott' }", "{ password: ***, user: 'scott' }"],
    ['connect scott/tiger@//db.example:1521/ORCLPDB1', 'connect scott/***@//db.example:1521/ORCLPDB1'],
    ['sqlplus system/Manager1@PROD', 'sqlplus system/***@PROD'],
    ['redis://default:s3cret@cache:6379/0', 'redis://default:***@cache:6379/0'],
    ['rediss://user:p%40ss@cache.example:6380', 'rediss://user:***@cache.example:6380'],
    ['rediss://:onlypass@cache:6380', 'rediss://:***@cache:6380'],
    ['https://u:p@example.com/x', 'https://u:***@example.com/x'],
    ['?apiKey=abc123&x=1', '?apiKey=***&x=1'],
    ['TMS_LLM_API_KEY=sk-abc', 'TMS_LLM_API_KEY=***'],
    ['Authorization: Bearer eyJhbGci.x.y', 'Authorization: ***'],
    ['token: abc', 'token: ***'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves ordinary text and URLs alone', () => {
    for (const text of [
      'ORA-01017: invalid username/password; logon denied',
      'redis://cache:6379/0',
      'https://docs.oracle.com/en/database/oracle/',
      'loaded 12 sessions in 34 ms',
      'file:///Users/dba/Library/Application Support/TMS Console/logs',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('formatError', () => {
  it('includes code, stack and cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const text = formatError(new Error('pool failed', { cause }));
    expect(text).toMatch(/^Error: pool failed\n/);
    expect(text).toContain('caused by: Error [ECONNREFUSED]: connect ECONNREFUSED');
    expect(formatError({ a: 1 })).toBe('{"a":1}');
  });
});

describe('RotatingLog', () => {
  const made: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tms-log-'));
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const fixed = () => new Date('2026-01-02T03:04:05.000Z');

  it('writes redacted, timestamped lines to <dir>/main.log', () => {
    const dir = join(tempDir(), 'logs');
    const log = new RotatingLog({ dir, now: fixed });
    log.error('oracle connect failed for scott/tiger@db', new Error('password=tiger rejected'));
    log.info('started');
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(text).toContain(
      '2026-01-02T03:04:05.000Z ERROR oracle connect failed for scott/***@db: Error: password=***',
    );
    expect(text).toContain('INFO started');
    expect(text).not.toContain('tiger');
    expect(statSync(join(dir, 'main.log')).mode & 0o077).toBe(0);
  });

  it('rotates by size and keeps at most maxFiles files', () => {
    const dir = tempDir();
    const log = new RotatingLog({ dir, maxBytes: 1_000, maxFiles: 3, now: fixed });
    const line = 'x'.repeat(200);
    for (let i = 0; i < 40; i++) log.warn(`${i} ${line}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1_000);
    // newest lines in main.log, the previous ones in .1, older in .2
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('WARN 39 ');
    const n1 = Number(/WARN (\d+) /.exec(readFileSync(join(dir, 'main.log.1'), 'utf8'))?.[1]);
    const n2 = Number(/WARN (\d+) /.exec(readFileSync(join(dir, 'main.log.2'), 'utf8'))?.[1]);
    expect(n2).toBeLessThan(n1);
    expect(n1).toBeLessThan(39);
  });

  it('continues an existing file and counts its size', () => {
    const dir = tempDir();
    new RotatingLog({ dir, maxBytes: 500 }).info('a'.repeat(400));
    new RotatingLog({ dir, maxBytes: 500 }).info('b'.repeat(400));
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.log.1']);
  });

  it('never throws when the folder cannot be written', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const log = new RotatingLog({ dir: join(file, 'logs') });
    expect(() => log.error('x', new Error('y'))).not.toThrow();
  });
});
