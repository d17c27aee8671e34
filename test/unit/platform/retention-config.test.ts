import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_SETTINGS } from '../../../functions/domain';
import { parseRetentionSettings } from '../../../functions/platform/config';

/** `RETENTION_SCHEDULE`, as the stack sets it for the housekeeping job and the API (ADR 0020). */
describe('parseRetentionSettings', () => {
  it('uses the defaults when unset (local mode), and reads what the stack writes', () => {
    expect(parseRetentionSettings(undefined)).toBe(DEFAULT_RETENTION_SETTINGS);
    const written = JSON.stringify({
      schedule: { ...DEFAULT_RETENTION_SETTINGS.schedule, evidence: { days: 100, then: 'delete' } },
      noticeDays: 14,
    });
    expect(parseRetentionSettings(written)).toEqual({
      schedule: { ...DEFAULT_RETENTION_SETTINGS.schedule, evidence: { days: 100, then: 'delete' } },
      noticeDays: 14,
    });
  });

  it('fails the cold start on a schedule it cannot trust, naming what is wrong', () => {
    const { schedule } = DEFAULT_RETENTION_SETTINGS;
    expect(() => parseRetentionSettings('{')).toThrow(/JSON/);
    expect(() => parseRetentionSettings(JSON.stringify({ noticeDays: 30 }))).toThrow(/schedule/);
    const { guardian: _guardian, ...missing } = schedule;
    expect(() => parseRetentionSettings(JSON.stringify({ schedule: missing, noticeDays: 30 }))).toThrow(
      /schedule\.guardian/,
    );
    const shred = { ...schedule, case: { days: 10, then: 'shred' } };
    expect(() => parseRetentionSettings(JSON.stringify({ schedule: shred, noticeDays: 30 }))).toThrow(/case/);
    expect(() => parseRetentionSettings(JSON.stringify({ schedule, noticeDays: 0 }))).toThrow(/noticeDays/);
  });
});
