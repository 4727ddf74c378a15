/**
 * `npm run test:rebuilds -- [--iterations N] [--seed S]`: a seeded differential run of `npm run build`
 * (tests/support/rebuilds.ts). Each step applies a random operation to a working copy of the fixture
 * site, builds it incrementally, builds it clean, and compares the two outputs file by file.
 * Exits 0 when every comparison agreed, 1 at the first difference (with the seed and the operations to
 * replay it), 2 on bad arguments.
 */
import { parseCli } from '../../scripts/lib/cli.ts';
import { runDifferential } from '../support/rebuilds.ts';

const USAGE = `
重建差異測試 / Differential rebuild test: random edits, kills and cache damage, each followed by an
incremental build and a clean build of the same sources, whose outputs must be identical.

用法 Usage:
  npm run test:rebuilds [-- --iterations N] [--seed S] [--name NAME]

  --iterations N  operations to run (default 20)
  --seed S        seed of the operations (default: a random one, printed first)
  --name NAME     working folder under tests/.output (default rebuilds)
  -h, --help      顯示說明 / show this help
`;

const { values } = parseCli(USAGE, { iterations: { type: 'string' }, seed: { type: 'string' }, name: { type: 'string' } });
const iterations = Number(values.iterations ?? 20);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(iterations) || iterations < 1) {
  process.stderr.write(`--iterations must be a positive integer, got "${values.iterations}"\n`);
  process.exit(2);
}
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
  process.stderr.write(`--seed must be an integer from 0 to 2^32-1, got "${values.seed}"\n`);
  process.exit(2);
}

process.stdout.write(`seed ${seed} (replay: npm run test:rebuilds -- --seed ${seed} --iterations ${iterations})\n`);
const started = Date.now();
const result = await runDifferential({ seed, iterations, name: values.name, print: (line) => process.stdout.write(`${line}\n`) });
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (result.difference) {
  process.stdout.write(`\n${result.difference}\n\n(${minutes} min; build logs in tests/.output/${values.name ?? 'rebuilds'}/logs)\n`);
  process.exit(1);
}
process.stdout.write(`\nno differences in ${result.steps} step(s), seed ${seed} (${minutes} min)\n`);
