/**
 * Dates, times and numbers written the Indonesian way, for everything Abdi says outside the dashboard's
 * own screens: a case flag's message, and later PDFs, SMS and exports (clarifications: one pure module,
 * no DOM, no AWS, that they all import). Written out rather than left to `Intl`, so a Lambda's and a
 * browser's ICU data cannot disagree on a letter a Bapas signs.
 */
import { isLocalDate, type LocalDate } from './calendar';

/** Month names, January first, as Indonesian prose and documents write them. */
export const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** ISO weekday 1 (Monday) … 7 (Sunday) in Bahasa Indonesia. */
export const WEEKDAY_NAMES = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'] as const;

/** Short month names as Indonesian letters abbreviate them: Jan, Feb, Mar, Apr, Mei, Jun, Jul, Agu, … */
const SHORT_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Mei',
  'Jun',
  'Jul',
  'Agu',
  'Sep',
  'Okt',
  'Nov',
  'Des',
] as const;

function parts(date: LocalDate): [number, number, number] {
  if (!isLocalDate(date)) throw new RangeError(`not a date: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/** `2026-12-05` → `5 Desember 2026`, as a berita acara writes it. */
export const longDate = (date: LocalDate): string => {
  const [year, month, day] = parts(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
};

/** `2026-12-20` → `20 Des 2026`, for short messages. */
export const shortDate = (date: LocalDate): string => {
  const [year, month, day] = parts(date);
  return `${day} ${SHORT_MONTHS[month - 1]} ${year}`;
};

/** `2026-12-05` → `05/12/2026`, as forms write a date in figures. */
export const numericDate = (date: LocalDate): string => {
  const [year, month, day] = parts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
};

/** `14:30` → `14.30`: the 24-hour clock with a point, as Indonesian writing has it. */
export const clockTime = (time: string): string => time.replace(':', '.');

/**
 * A number with a decimal comma and a point between thousands: 1234.5 → `1.234,5`. At most
 * `fractionDigits` decimals, trailing zeros dropped.
 */
export function decimal(value: number, fractionDigits = 2): string {
  // Trailing zeros of the fraction go ("3,50" is "3,5"); those of a whole number never do.
  const fixed = Math.abs(value)
    .toFixed(fractionDigits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/**
 * The zone's Indonesian abbreviation, as "14.30 WITA" writes it: WIB (UTC+7), WITA (UTC+8, all of
 * Sulawesi), WIT (UTC+9); any other zone by its name.
 */
export function zoneAbbreviation(timeZone: string): string {
  switch (timeZone) {
    case 'Asia/Jakarta':
    case 'Asia/Pontianak':
      return 'WIB';
    case 'Asia/Makassar':
      return 'WITA';
    case 'Asia/Jayapura':
      return 'WIT';
    default:
      return timeZone;
  }
}
