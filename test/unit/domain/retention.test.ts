import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION_SCHEDULE,
  evidenceKeptUntil,
  lastClosureOf,
  latestClosureWithDueSteps,
  RETENTION_STEPS,
  retentionSteps,
  type RetentionSchedule,
} from '../../../functions/domain';

const schedule: RetentionSchedule = DEFAULT_RETENTION_SCHEDULE;
const stepOf = (steps: ReturnType<typeof retentionSteps>, id: string) => steps.find((s) => s.id === id)!;

describe('retention steps of a closed case', () => {
  it('PDP-RETENTION-CLOSURE: each case step is due its period after the closure, not a day earlier', () => {
    // Prepare: closed 1 March 2026, evidence 5 years (1825 days) → due 28 Feb 2031.
    const question = { closedOn: '2026-03-01', otherCases: [], schedule };
    // Act
    const before = retentionSteps({ ...question, asOf: '2031-02-27' });
    const on = retentionSteps({ ...question, asOf: '2031-02-28' });
    // Assess
    expect(stepOf(before, 'evidence')).toMatchObject({ dueOn: '2031-02-28', due: false, action: 'delete' });
    expect(stepOf(on, 'evidence')).toMatchObject({ dueOn: '2031-02-28', due: true, days: 1825 });
    // A thumbnail is a copy of the photo: by default it goes with it.
    expect(stepOf(on, 'thumbnails')).toMatchObject({ dueOn: '2031-02-28', due: true });
    expect(stepOf(on, 'case')).toMatchObject({ dueOn: '2036-02-27', due: false, action: 'anonymise' });
  });

  it('PDP-RETENTION-CLOSURE: lists every step in the order the job takes them', () => {
    const steps = retentionSteps({ closedOn: '2026-03-01', otherCases: [], schedule, asOf: '2026-03-01' });
    expect(steps.map((s) => s.id)).toEqual([...RETENTION_STEPS]);
    expect(steps.every((s) => !s.due)).toBe(true);
    // The evidence a case keeps is what its evidence step deletes: the same date.
    expect(evidenceKeptUntil('2026-03-01', schedule)).toBe(stepOf(steps, 'evidence').dueOn);
  });

  it('PDP-RETENTION-CLIENT-HOLD: an open case of the client holds every client step, never a case step', () => {
    // Act
    const steps = retentionSteps({
      closedOn: '2020-01-01',
      otherCases: ['2021-01-01', undefined],
      schedule,
      asOf: '2040-01-01',
    });
    // Assess
    for (const id of ['guardian', 'client', 'clientAccessLogs', 'clientAudit']) {
      expect(stepOf(steps, id), id).toMatchObject({ scope: 'client', due: false });
      expect(stepOf(steps, id).dueOn, id).toBeUndefined();
    }
    for (const id of ['evidence', 'thumbnails', 'accessLogs', 'audit', 'case']) {
      expect(stepOf(steps, id), id).toMatchObject({ scope: 'case', due: true });
    }
  });

  it('PDP-RETENTION-CLIENT-HOLD: client steps count from the last closure of all the client’s cases', () => {
    // Prepare: this case closed 2020-01-01, another closed later on 2022-06-30; guardian 2 years.
    const steps = retentionSteps({
      closedOn: '2020-01-01',
      otherCases: ['2019-05-01', '2022-06-30'],
      schedule,
      asOf: '2024-06-29',
    });
    // Assess
    expect(lastClosureOf('2020-01-01', ['2019-05-01', '2022-06-30'])).toBe('2022-06-30');
    expect(stepOf(steps, 'guardian')).toMatchObject({ dueOn: '2024-06-29', due: true });
    expect(stepOf(steps, 'clientAccessLogs')).toMatchObject({ dueOn: '2024-06-29', due: true });
    expect(stepOf(steps, 'accessLogs')).toMatchObject({ dueOn: '2021-12-31', due: true });
    expect(stepOf(steps, 'client')).toMatchObject({ due: false });
  });

  it('PDP-RETENTION-CLOSURE: reads the listing only up to the closures that can have a step due', () => {
    // The shortest period is the exports' 30 days; without it, the guardian's and read logs' 730.
    expect(latestClosureWithDueSteps('2026-12-31', schedule)).toBe('2024-12-31');
    const short = { ...schedule, guardian: { days: 10, then: 'delete' as const } };
    expect(latestClosureWithDueSteps('2026-12-31', short)).toBe('2026-12-21');
  });

  it('PDP-RETENTION-CLOSURE: follows a deployment’s own periods and actions', () => {
    const custom = { ...schedule, case: { days: 30, then: 'delete' as const } };
    const steps = retentionSteps({
      closedOn: '2026-01-01',
      otherCases: [],
      schedule: custom,
      asOf: '2026-01-31',
    });
    expect(stepOf(steps, 'case')).toMatchObject({ action: 'delete', dueOn: '2026-01-31', due: true });
  });
});
