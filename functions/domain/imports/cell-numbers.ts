/**
 * Numbers in a spreadsheet cell (issue 22): hours already served on paper (`12`, `12,5` with the
 * Indonesian decimal comma, `12.5`), hours ordered, rupiah (`Rp10.000.000,-`). A number cell is taken as
 * it is; text is read the Indonesian way where that is the only reading, and refused where it is not.
 */
import { decimal } from '../indonesian-format';
import { Rule } from '../rules';
import { cellError, present, type CellResult, type FilledCell, type CellValue, type Column } from './cells';

export interface NumberOptions {
  /** A whole number (hours ordered, rupiah, a count): `.` groups thousands, as Indonesian writes them. */
  readonly whole?: boolean;
  /** Decimals allowed when not whole; default 2 (a quarter of an hour is 0,25). */
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
}

/** `Rp10.000.000`, `Rp. 10.000.000,-`, `10000000`, `10.000.000,00`: a whole number, thousands by `.`. */
const WHOLE = /^(?:rp\.?)?(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,-|,0+)?$/i;
/** `12`, `12,5`, `12.5`, `-3`: one separator, either mark, no grouping. */
const DECIMAL = /^(-?)(\d+)(?:([.,])(\d+))?$/;

const isCell = (x: FilledCell | CellResult<never>): x is FilledCell => 'kind' in x;

/**
 * A number. In text, a decimal with exactly three digits after its mark (`1.250`, `1,250`) is refused:
 * Indonesian reads a point as thousands and English reads it as a decimal, so it is 1250 or 1,25
 * (`0,250` and `1234,567` read one way only).
 * @example readNumber('12,5', 'Jam yang sudah dijalani', { min: 0 }) // { ok: true, value: 12.5 }
 */
export function readNumber(
  value: CellValue,
  column: Column | string,
  options: NumberOptions = {},
): CellResult<number> {
  const cell = present(value, column);
  if (!isCell(cell)) return cell;
  const decimals = options.whole ? 0 : (options.decimals ?? 2);
  const refuse = (id: string, en: string) => cellError(Rule.INPUT_FORMAT, column, id, en);
  const example = options.whole ? 'misalnya 12 atau 10.000.000' : 'misalnya 12 atau 12,5';
  const exampleEn = options.whole ? 'e.g. 12 or 10.000.000' : 'e.g. 12 or 12,5';
  let number: number;
  if (cell.kind === 'number') number = cell.value;
  else if (cell.kind === 'date')
    return refuse(`Sel ini berisi tanggal, bukan angka.`, 'The cell holds a date.');
  else {
    const text = cell.text.replace(/\s+/g, '');
    const whole = options.whole ? WHOLE.exec(text) : null;
    const dec = options.whole ? null : DECIMAL.exec(text);
    if (whole) number = Number(`${whole[1]}${whole[2]!.replaceAll('.', '')}`);
    else if (dec && dec[4]?.length === 3 && /^[1-9]\d{0,2}$/.test(dec[2]!)) {
      return cellError(
        Rule.IMPORT_CELL,
        column,
        'Angka ini bisa dibaca dua cara (1.250 bisa berarti seribu dua ratus lima puluh atau 1,25). ' +
          'Tulis desimal dengan koma tanpa pemisah ribuan, misalnya 12,5.',
        'This number reads two ways (1.250 is 1250 in Indonesian, 1.25 in English). Write a decimal ' +
          'with one mark and no thousands separator, e.g. 12,5.',
      );
    } else if (dec) number = Number(`${dec[1]}${dec[2]}${dec[4] === undefined ? '' : `.${dec[4]}`}`);
    else return refuse(`Angka tidak dikenali; ${example}.`, `Not a number; ${exampleEn}.`);
  }
  if (!Number.isFinite(number))
    return refuse(`Angka tidak dikenali; ${example}.`, `Not a number; ${exampleEn}.`);
  const scaled = number * 10 ** decimals;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    return decimals === 0
      ? refuse('Harus bilangan bulat.', 'A whole number.')
      : refuse(`Paling banyak ${decimals} angka di belakang koma.`, `At most ${decimals} decimals.`);
  }
  // 12.499999999 from a sum in Excel is 12.5 with its float dust gone.
  const rounded = Math.round(scaled) / 10 ** decimals;
  if (options.min !== undefined && rounded < options.min) {
    return refuse(`Paling sedikit ${decimal(options.min)}.`, `At least ${options.min}.`);
  }
  if (options.max !== undefined && rounded > options.max) {
    return refuse(`Paling banyak ${decimal(options.max)}.`, `At most ${options.max}.`);
  }
  return { ok: true, value: rounded };
}
