import { describe, expect, it } from 'vitest';
import { parseDate, parseTime, showDate } from './dates';

describe('dates typed as people write them', () => {
  it('reads day first, compact, two-digit years and ISO', () => {
    expect(parseDate('21/11/2026')).toBe('2026-11-21');
    expect(parseDate(' 2/3/26 ')).toBe('2026-03-02');
    expect(parseDate('21112026')).toBe('2026-11-21');
    expect(parseDate('21.11.2026')).toBe('2026-11-21');
    expect(parseDate('2026-11-21')).toBe('2026-11-21');
  });

  it('refuses what is no calendar date', () => {
    expect(parseDate('31/02/2027')).toBeNull();
    expect(parseDate('29/02/2027')).toBeNull();
    expect(parseDate('29/02/2028')).toBe('2028-02-29');
    expect(parseDate('11/21/2026')).toBeNull();
    expect(parseDate('demain')).toBeNull();
    expect(parseDate('')).toBeNull();
  });

  it('shows dd/mm/yyyy and reads times on 24 hours', () => {
    expect(showDate('2026-11-21')).toBe('21/11/2026');
    expect(showDate(null)).toBe('');
    expect(parseTime('9h30')).toBe('09:30');
    expect(parseTime('14:05')).toBe('14:05');
    expect(parseTime('930')).toBe('09:30');
    expect(parseTime('9h')).toBe('09:00');
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('2:43 PM')).toBeNull();
  });
});
