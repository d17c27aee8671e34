/**
 * Numbers and dates in words, as a berita acara opens: "Pada hari ini Sabtu tanggal lima bulan Desember
 * tahun dua ribu dua puluh enam". Spelling the date out is what makes a typed date hard to alter on paper.
 */
import { isoWeekday, isLocalDate, type LocalDate } from '../calendar';
import { MONTHS, WEEKDAY_NAMES } from '../indonesian-format';

const UNITS = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
] as const;

/** A whole number 0 … 999,999 in words (terbilang): 2026 → `dua ribu dua puluh enam`, 11 → `sebelas`. */
export function inWords(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 999_999)
    throw new RangeError(`out of range: ${value}`);
  const join = (head: string, rest: number) => (rest === 0 ? head : `${head} ${inWords(rest)}`);
  if (value < 12) return UNITS[value] as string;
  if (value < 20) return `${UNITS[value - 10]} belas`;
  if (value < 100) return join(`${UNITS[Math.floor(value / 10)]} puluh`, value % 10);
  if (value < 200) return join('seratus', value - 100);
  if (value < 1000) return join(`${UNITS[Math.floor(value / 100)]} ratus`, value % 100);
  if (value < 2000) return join('seribu', value - 1000);
  return join(`${inWords(Math.floor(value / 1000))} ribu`, value % 1000);
}

/** `2026-12-05` → `Sabtu tanggal lima bulan Desember tahun dua ribu dua puluh enam`. */
export function dateInWords(date: LocalDate): string {
  if (!isLocalDate(date)) throw new RangeError(`not a date: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${WEEKDAY_NAMES[isoWeekday(date) - 1]} tanggal ${inWords(day)} bulan ${MONTHS[month - 1]} tahun ${inWords(year)}`;
}
