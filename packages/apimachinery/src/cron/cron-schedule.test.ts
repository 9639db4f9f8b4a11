import { describe, expect, it } from 'vitest';
import { cronScheduleError, parseCronSchedule } from './cron-schedule.js';

const at = (iso: string) => Date.parse(iso);
const next = (schedule: string, after: string) => new Date(parseCronSchedule(schedule).next(at(after))).toISOString();

describe('parseCronSchedule', () => {
  it('gives the next firing after a time, in UTC', () => {
    expect(next('*/5 * * * *', '2026-01-01T00:02:30Z')).toBe('2026-01-01T00:05:00.000Z');
    expect(next('0 3 * * *', '2026-01-01T03:00:00Z')).toBe('2026-01-02T03:00:00.000Z');
    expect(next('30 9 * * mon-fri', '2026-01-02T10:00:00Z')).toBe('2026-01-05T09:30:00.000Z');
    expect(next('@monthly', '2026-01-15T00:00:00Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('0 0 1 * 1', '2026-01-02T00:00:00Z')).toBe('2026-01-05T00:00:00.000Z');
    expect(next('@every 90s', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:01:30.000Z');
    expect(parseCronSchedule('0 0 31 2 *').next(at('2026-01-01T00:00:00Z'))).toBe(Infinity);
  });

  it('words its errors as robfig/cron does', () => {
    expect(cronScheduleError('* * *')).toBe('expected exactly 5 fields, found 3: [* * *]');
    expect(cronScheduleError('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(cronScheduleError('@sometimes')).toBe('unrecognized descriptor: @sometimes');
    expect(cronScheduleError('*/5 * * * *')).toBeUndefined();
  });
});
