#!/usr/bin/env node
// `npm run test:mutation [-- --mutate <files,...>] [--concurrency N] [--incrementalFile f]`:
// StrykerJS with stryker.config.mjs through its programmatic API. StrykerJS 10's CLI refuses Node < 22 by a
// version guard in its CLI module only; the engine itself runs on the Node 20.19 this project supports, so
// the same run works on both (with Node >= 22 `npx stryker run` is equivalent).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// the package's main entry also loads the CLI module (and its guard): load the engine module itself
const coreDir = dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json'));
const { Stryker } = await import(pathToFileURL(join(coreDir, 'dist/src/stryker.js')).href);

const options = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const next = () => {
    const value = args[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    return value;
  };
  if (arg === '--mutate' || arg === '-m') options.mutate = next().split(',');
  else if (arg === '--concurrency' || arg === '-c') options.concurrency = Number(next());
  else if (arg === '--incrementalFile') options.incrementalFile = next();
  else if (arg === '--force') options.force = true;
  else if (arg === '--no-incremental') options.incremental = false;
  else throw new Error(`unknown option ${arg}`);
}
const results = await new Stryker(options).runMutationTest();
const counts = {};
for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
console.log('mutants by status:', JSON.stringify(counts));
