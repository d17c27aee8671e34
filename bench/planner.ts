import { addDays, buildHolidayCalendar, isoWeekday, planCase, type PlanInput } from '../functions/domain';
import { median, ratio, round } from './lib/stats';

export interface PlannerOptions {
  /** Active cases of the office planned in one go. */
  readonly cases: number;
  /** Timed repetitions of one case's plan. */
  readonly runs: number;
}

/**
 * (h) The sentence planner (issue 15): the time to plan one case (180-day window, two placements,
 * other work, days per week) and every active case of a 10,000-case office, against a reference in the
 * same run: one pass over each case's window doing only the calendar lookups every plan needs (weekday
 * and holiday), so the ratio shows what the planning itself costs on top of walking the days.
 */
export function benchPlanner(options: PlannerOptions) {
  const holidays = buildHolidayCalendar();
  const inputs = Array.from({ length: options.cases }, (_, i) => syntheticCase(i, holidays));
  const one = inputs[0]!;

  const oneCase = sample(options.runs, () => planCase(one));
  const oneReference = sample(options.runs, () => walkWindow(one));
  const officeMs = timeOnce(() => inputs.forEach((input) => planCase(input)));
  const officeReferenceMs = timeOnce(() => inputs.forEach(walkWindow));
  const states = inputs.map((input) => planCase(input).feasibility.state);
  return {
    cases: options.cases,
    oneCaseMs: round(oneCase),
    oneCaseReferenceMs: round(oneReference),
    officeMs: round(officeMs),
    officeReferenceMs: round(officeReferenceMs),
    perCaseMs: round(officeMs / options.cases),
    states: {
      on_track: states.filter((s) => s === 'on_track').length,
      at_risk: states.filter((s) => s === 'at_risk').length,
      impossible: states.filter((s) => s === 'impossible').length,
    },
    ratio: { oneCase: ratio(oneCase, oneReference), office: ratio(officeMs, officeReferenceMs) },
  };
}

/** The reference: every day of the window, its weekday and whether it is a holiday, nothing else. */
function walkWindow(input: PlanInput): number {
  let open = 0;
  for (let date = input.from; date <= input.deadline; date = addDays(date, 1)) {
    if (isoWeekday(date) <= 6 && !input.holidays.has(date)) open += 1;
  }
  return open;
}

/** A varied, realistic active case: 8–240 hours, part done, one or two placements, some other work. */
function syntheticCase(i: number, holidays: PlanInput['holidays']): PlanInput {
  const random = mulberry32(i + 1);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const start = addDays('2026-01-05', Math.floor(random() * 150));
  const deadline = addDays(start, 179);
  const from = addDays(start, Math.floor(random() * 120));
  const hours = 8 + Math.floor(random() * 233);
  const child = random() < 0.1;
  const sites = ['masjid', 'kelurahan', 'pantai', 'sekolah'];
  const placement = (siteId: string) => ({
    siteId,
    weekdays: [...new Set([pick([1, 2, 3]), pick([4, 5, 6])])],
    startTime: pick(['07:00', '08:00', '13:00']),
    endTime: pick(['11:00', '12:00', '16:00']),
    from: start,
    until: deadline,
  });
  const otherWork: Record<string, number> = {};
  for (let d = 0; d < 10; d += 1) otherWork[addDays(from, Math.floor(random() * 60))] = 60;
  return {
    remainingMinutes: Math.round(hours * 60 * random()),
    from,
    deadline,
    maxHoursPerDay: child ? 3 : pick([4, 6, 8]),
    daysPerWeek: pick([undefined, 1, 2, 3, 5]),
    workedDays: [],
    placements: [placement(pick(sites)), ...(random() < 0.4 ? [placement(pick(sites))] : [])],
    siteCapacity: Object.fromEntries(sites.map((site) => [site, 10])),
    otherWork,
    holidays,
    lastPublishedYear: 2026,
    ...(child ? { schoolHours: { weekdays: [1, 2, 3, 4, 5], start: '07:00', end: '13:00' } } : {}),
  };
}

/** A seeded generator, so every run plans the same office. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(runs: number, run: () => unknown): number {
  for (let i = 0; i < 20; i += 1) run(); // warm the JIT, as a busy function would be
  return median(Array.from({ length: runs }, () => timeOnce(run)));
}

function timeOnce(run: () => unknown): number {
  const at = performance.now();
  run();
  return performance.now() - at;
}
