/**
 * The non-working days the planner plans around: Indonesia's national holidays (libur nasional), the
 * collective leave days (cuti bersama) and an office's or region's own days.
 *
 * The seed is the 2026 list of the SKB 3 Menteri, copied into `data/holidays-id-2026.json` with its
 * `source` field: "SKB Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB Nomor 1497 Tahun 2025,
 * Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 (signed 19 September 2025)". A library such as `date-holidays`
 * is not used: for 2026 it misses all cuti bersama days and Paskah and puts Idulfitri a day early
 * (engineering.md), which would plan sessions on days the sites are closed.
 *
 * The list changes after the fact (the Minister of Religious Affairs' isbat may move an Islamic holiday
 * by a day) and each year's SKB arrives in the autumn before, so a calendar is the seed lists plus lists
 * entered later plus edits, applied in order (region first, then office, as the caller concatenates them).
 * Who changed what is the store's record; the edits here only carry it through.
 */
import { isLocalDate, type LocalDate } from './calendar';
import seed2026 from './data/holidays-id-2026.json';

export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama', 'local'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export interface HolidayDay {
  readonly date: LocalDate;
  readonly kind: HolidayKind;
  readonly name: string;
}

/** One year's published list (an SKB), with the decree it comes from. */
export interface HolidayList {
  readonly year: number;
  readonly source: string;
  readonly days: readonly HolidayDay[];
}

/**
 * A change to the lists: a local day added, a day removed, or a day moved (an isbat shift moves
 * Idulfitri from one date to the next). `by`, `at` and `reason` are carried for the audit trail only.
 */
export type HolidayEdit = (
  | { readonly op: 'add'; readonly day: HolidayDay }
  | { readonly op: 'remove'; readonly date: LocalDate }
  | { readonly op: 'move'; readonly date: LocalDate; readonly to: LocalDate }
) & { readonly by?: string; readonly at?: string; readonly reason?: string };

/** Anything that answers "is this date a non-working day?": a `Set` of dates or a calendar. */
export interface HolidayLookup {
  has(date: LocalDate): boolean;
}

export interface HolidayCalendar extends HolidayLookup {
  readonly isHoliday: (date: LocalDate) => boolean;
  readonly holidayOn: (date: LocalDate) => HolidayDay | undefined;
  /**
   * The last year with a published SKB list. Edits never raise it: a local day in 2027 says nothing
   * about the 2027 national list, so a plan past this year stays provisional until that list is entered.
   */
  readonly lastPublishedYear: number;
  /** Every non-working day, in date order. */
  readonly days: readonly HolidayDay[];
  /** Edits that matched nothing (a removal or move of a date that is no holiday), for the editor to show. */
  readonly ignoredEdits: readonly HolidayEdit[];
}

const isKind = (kind: string): kind is HolidayKind => (HOLIDAY_KINDS as readonly string[]).includes(kind);

/** Checks the JSON seed once at load: a malformed file must fail loudly, not plan on a holiday. */
const seedList = (raw: {
  year: number;
  source: string;
  days: { date: string; kind: string; name: string }[];
}) => {
  const days = raw.days.map((d): HolidayDay => {
    if (!isLocalDate(d.date) || !isKind(d.kind) || !d.date.startsWith(`${raw.year}-`)) {
      throw new RangeError(`Bad holiday seed entry for ${raw.year}: ${JSON.stringify(d)}`);
    }
    return { date: d.date, kind: d.kind, name: d.name };
  });
  return { year: raw.year, source: raw.source, days } satisfies HolidayList;
};

/** The SKB lists this build ships with. Later years are entered by a region or office as `HolidayList`s. */
export const SEED_HOLIDAY_LISTS: readonly HolidayList[] = [seedList(seed2026)];

/**
 * Builds a calendar from the seed lists, lists entered later (a list for a year replaces the seed's list
 * for that year, so a corrected SKB wins) and edits applied in order.
 * @example buildHolidayCalendar({ edits: [{ op: 'move', date: '2026-03-21', to: '2026-03-20' }] })
 */
export const buildHolidayCalendar = (
  input: {
    readonly lists?: readonly HolidayList[];
    readonly edits?: readonly HolidayEdit[];
  } = {},
): HolidayCalendar => {
  const byYear = new Map<number, HolidayList>();
  for (const list of [...SEED_HOLIDAY_LISTS, ...(input.lists ?? [])]) byYear.set(list.year, list);

  // One entry per date: two holidays on one date (it happens: Waisak and a Sunday) are still one day off.
  const days = new Map<LocalDate, HolidayDay>();
  for (const list of byYear.values()) for (const day of list.days) days.set(day.date, day);

  const ignoredEdits: HolidayEdit[] = [];
  for (const edit of input.edits ?? []) {
    if (edit.op === 'add') {
      days.set(edit.day.date, edit.day);
      continue;
    }
    const day = days.get(edit.date);
    if (day === undefined) {
      ignoredEdits.push(edit);
      continue;
    }
    days.delete(edit.date);
    if (edit.op === 'move') days.set(edit.to, { ...day, date: edit.to });
  }

  const isHoliday = (date: LocalDate) => days.has(date);
  return {
    isHoliday,
    has: isHoliday,
    holidayOn: (date) => days.get(date),
    lastPublishedYear: Math.max(...byYear.keys()),
    days: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    ignoredEdits,
  };
};

/** Whether `date` lies in a year with no published SKB list yet, so its holidays may still change. */
export const isAfterPublishedYear = (date: LocalDate, lastPublishedYear: number): boolean =>
  Number(date.slice(0, 4)) > lastPublishedYear;
