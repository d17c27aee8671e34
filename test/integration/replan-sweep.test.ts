import { beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../functions/actions/reminders/message-channel';
import { REMINDER_JOBS } from '../../functions/actions/reminders/run-job';
import type { Office } from '../../functions/domain';
import { createReminderWorkers } from '../../functions/platform/reminder-workers';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { weekdayPlacement } from '../support/requests';

// Nothing changes on the case between the two sweeps: only the days pass.
let now = new Date('2026-05-11T08:00:00Z');
const env = testEnvironment({ now: () => now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: Office;
const sent: OutgoingMessage[] = [];
const ports = () =>
  createReminderWorkers(env.config, {
    now: () => now,
    messaging: {
      email: {
        async send(message) {
          sent.push(message);
          return { providerMessageId: `m-${sent.length}` };
        },
      },
    },
  });

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  office = (await env.deps.directory.getOffice(world.home))!;
});

const sweep = () => REMINDER_JOBS['replan-sweep'](ports(), office);

describe('the offices a timed job runs for', () => {
  it('lists the offices of one time zone only', async () => {
    const inZone = await env.deps.directory.listOfficesInZone('Asia/Makassar');
    expect(inZone.map((o) => o.id)).toContain(world.home);
    expect(inZone.every((o) => o.timeZone === 'Asia/Makassar')).toBe(true);
    const elsewhere = await env.deps.directory.listOfficesInZone('Asia/Jayapura');
    expect(elsewhere.map((o) => o.id)).not.toContain(world.home);
  });
});

describe('the nightly re-plan sweep (issue 15): a case that turns impossible only because days passed', () => {
  it('stores each open case’s plan, flags the one that can no longer fit, and alerts its PK once', async () => {
    // 40 hours, at most 4 a day, weekday mornings, by 30 June 2026.
    const { caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });

    const first = await sweep();
    expect(first.replanned).toBeGreaterThanOrEqual(1);
    const early = (await env.deps.cases.get(world.home, caseId))!;
    expect(early.plan?.state).toBe('on_track');
    expect(early.flags?.some((f) => f.rule === 'PLAN-FEASIBILITY') ?? false).toBe(false);
    expect(sent.filter((m) => m.tags.caseId === caseId)).toEqual([]);

    // Thursday 25 June, 16:00 in Palopo: Friday, Monday and Tuesday are left, 12 hours at most.
    now = new Date('2026-06-25T08:00:00Z');
    await sweep();
    const late = (await env.deps.cases.get(world.home, caseId))!;
    expect(late.plan).toMatchObject({ state: 'impossible', remainingMinutes: 2400, possibleMinutes: 720 });
    const flag = late.flags?.find((f) => f.rule === 'PLAN-FEASIBILITY');
    expect(flag?.message).toContain('40 jam tersisa');

    const alerts = sent.filter((m) => m.tags.caseId === caseId);
    expect(alerts.map((m) => m.tags.kind)).toContain('impossible');
    const toOfficer = alerts.filter((m) => m.to === `${world.people.officer}@example.invalid`);
    expect(toOfficer).toHaveLength(1);

    // The next night: still impossible, planned again, and no second alert.
    const count = alerts.length;
    now = new Date('2026-06-25T17:00:00Z');
    const again = await sweep();
    expect(again.replanned).toBeGreaterThanOrEqual(1);
    expect(sent.filter((m) => m.tags.caseId === caseId)).toHaveLength(count);
  });
});
