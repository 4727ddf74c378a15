import { describe, expect, it } from 'vitest';
import { RECORD_VERSION, staleReason, type BuildRecord, type Inputs } from '../../scripts/lib/build-cache';

const inputs: Inputs = { fingerprint: 'abc', hashes: {}, files: 3 };
const record = (fields: Partial<BuildRecord> = {}): BuildRecord => ({
  version: RECORD_VERSION,
  fingerprint: 'abc',
  outDir: '/site/dist',
  builtAt: '2026-11-30T01:00:00.000Z',
  year: 2026,
  output: {},
  inputs: {},
  ...fields,
});
const now = new Date('2026-11-30T02:00:00Z');

describe('staleReason', () => {
  it('accepts the recorded build when inputs, out dir, schedule and year all match (positive control)', () => {
    expect(staleReason(record(), inputs, '/site/dist', now, 2026)).toBeUndefined();
    expect(staleReason(record({ nextScheduled: '2026-12-01T00:00:00.000Z' }), inputs, '/site/dist', now, 2026)).toBeUndefined();
  });

  it('rebuilds once a scheduled post is due', () => {
    expect(staleReason(record({ nextScheduled: '2026-11-30T01:30:00.000Z' }), inputs, '/site/dist', now, 2026)).toBe(
      'a scheduled post is due (2026-11-30T01:30:00.000Z)',
    );
  });

  it('rebuilds for changed inputs, another out dir, a new year or no record', () => {
    expect(staleReason(record({ fingerprint: 'other' }), inputs, '/site/dist', now, 2026)).toBe('content, code or settings changed');
    expect(staleReason(record(), inputs, '/elsewhere', now, 2026)).toBe('the previous build went to another out dir');
    expect(staleReason(record(), inputs, '/site/dist', now, 2027)).toBe('the year changed');
    expect(staleReason(undefined, inputs, '/site/dist', now, 2026)).toBe('no previous build recorded');
  });
});
