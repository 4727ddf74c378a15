import { describe, expect, it } from 'vitest';
import { runDifferential, type DifferentialResult } from '../support/rebuilds';

/**
 * A short seeded run of the differential rebuild harness (tests/support/rebuilds.ts): random edits, undos,
 * a killed build and a damaged cache, each followed by `npm run build` and a clean build of the same
 * sources, which must write the same files. `npm run test:rebuilds -- --iterations N --seed S` runs longer.
 */
const SEED = 20261201;
const ITERATIONS = 8;

describe('differential rebuilds', () => {
  it(
    `seed ${SEED}, ${ITERATIONS} operations including a killed build and a garbled cache file: incremental output equals clean output after each`,
    async () => {
      const lines: string[] = [];
      const result: DifferentialResult = await runDifferential({
        seed: SEED,
        iterations: ITERATIONS,
        name: 'rebuilds-differential',
        mustInclude: ['kill', 'garble-cache'],
        print: (line) => lines.push(line),
      });
      const ops = result.operations.map((line) => line.split(':')[0]);
      // Positive control: the run did what it is meant to cover (unless it stopped early at a difference).
      if (!result.difference) {
        expect(result.steps).toBe(ITERATIONS);
        expect(result.operations.some((line) => / kill: .* to its process group after /.test(line))).toBe(true);
        expect(ops.some((op) => op.endsWith(' garble-cache'))).toBe(true);
      }
      expect(result.difference ?? 'no difference', lines.join('\n')).toBe('no difference');
    },
    30 * 60_000,
  );
});
