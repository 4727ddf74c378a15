import { describe, expect, it } from 'vitest';
import { formatDate, parseFrontMatterDate, toZonedIso, zonedParts } from '../../src/lib/dates';

describe('parseFrontMatterDate', () => {
  it.each([
    ['2026-02-04T11:00:00+08:00', '2026-02-04T03:00:00.000Z'],
    ['2026-03-01T07:00:00+08:00', '2026-02-28T23:00:00.000Z'],
    ['2026-03-01T07:00:00Z', '2026-03-01T07:00:00.000Z'],
    ['2026-03-01', '2026-02-28T16:00:00.000Z'],
    ['2026-03-01 09:30', '2026-03-01T01:30:00.000Z'],
    ['2026-03-01T09:30:15', '2026-03-01T01:30:15.000Z'],
  ])('reads %s as %s', (input, iso) => {
    expect(parseFrontMatterDate(input)?.toISOString()).toBe(iso);
  });

  it('reads a YAML date-only value (UTC midnight) as that day in Taipei', () => {
    expect(parseFrontMatterDate(new Date('2026-03-01T00:00:00Z'))?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('keeps a YAML timestamp with a time as the instant it names', () => {
    expect(parseFrontMatterDate(new Date('2026-03-01T07:00:00+08:00'))?.toISOString()).toBe('2026-02-28T23:00:00.000Z');
  });

  it.each(['2026-13-45', '2026-02-30', 'yesterday', '', '2026/03/01'])('rejects %j', (input) => {
    expect(parseFrontMatterDate(input)).toBeUndefined();
  });

  it('rejects non-date values', () => {
    expect(parseFrontMatterDate(20260301)).toBeUndefined();
    expect(parseFrontMatterDate(null)).toBeUndefined();
  });
});

describe('formatting in Taipei time', () => {
  const morning = new Date('2026-03-01T07:00:00+08:00');

  it('shows the Taipei calendar day, not the UTC one', () => {
    expect(formatDate(morning)).toBe('2026年3月1日');
    expect(zonedParts(morning)).toEqual({ year: 2026, month: 3, day: 1 });
  });

  it('writes ISO 8601 with the +08:00 offset', () => {
    expect(toZonedIso(morning)).toBe('2026-03-01T07:00:00+08:00');
    expect(toZonedIso(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01T00:00:00+08:00');
  });
});
