import { describe, expect, it } from 'vitest';
import {
  dateColumnDoubts,
  nikColumnDoubts,
  readDate,
  ROUNDED_NIK_MIN_ROWS,
} from '../../../../functions/domain/imports';

describe('a date column written month first', () => {
  it('IMPORT-CELL: beside 12/25/2026, every date whose two numbers could be months reads two ways', () => {
    // Prepare: one month-first date gives the column away
    const column = [
      { row: 2, value: '03/04/2026' },
      { row: 3, value: '12/25/2026' },
      { row: 4, value: '05/05/2026' },
      { row: 5, value: '25/12/2026' },
      { row: 6, value: new Date(Date.UTC(2026, 2, 4)) },
      { row: 7, value: '2026-03-04' },
    ];
    // Act
    const doubts = dateColumnDoubts(column, 'Tanggal putusan');
    // Assess: row 2 only (5/5 reads one way; dates that are no text figures are not in doubt)
    expect(doubts.map((d) => d.row)).toEqual([2]);
    expect(doubts[0]).toMatchObject({ rule: 'IMPORT-CELL', column: 'Tanggal putusan' });
    expect(doubts[0]?.message).toContain('bulan dulu');
    // and readDate alone would have taken row 2 as 3 April: only the column shows the doubt
    expect(readDate('03/04/2026', 'Tanggal putusan')).toEqual({ ok: true, value: '2026-04-03' });
  });

  it('finds no doubt in a column written day first', () => {
    const column = ['03/04/2026', '25/12/2026', '12/01/2026'].map((value, i) => ({ row: i + 2, value }));
    expect(dateColumnDoubts(column, 'Tanggal putusan')).toEqual([]);
  });
});

describe('a NIK column that went through a number format', () => {
  const rows = (niks: string[]) => niks.map((nik, i) => ({ row: i + 2, nik }));

  it('IMPORT-CELL: when every NIK of the column ends in 0, every row is an error', () => {
    const niks = [
      '7373011003851230',
      '7371014501050010',
      '7371013112990020',
      '7373010101900030',
      '7373011212800040',
    ];
    const doubts = nikColumnDoubts(rows(niks), 'NIK');
    expect(doubts.map((d) => d.row)).toEqual([2, 3, 4, 5, 6]);
    expect(doubts[0]).toMatchObject({ rule: 'IMPORT-CELL', column: 'NIK' });
    expect(doubts[0]?.message).toContain('Teks');
  });

  it('finds no doubt with fewer rows than the threshold or one NIK not ending in 0', () => {
    expect(ROUNDED_NIK_MIN_ROWS).toBe(5);
    expect(nikColumnDoubts(rows(['7373011003851230', '7371014501050010']), 'NIK')).toEqual([]);
    const niks = [
      '7373011003851230',
      '7371014501050010',
      '7371013112990020',
      '7373010101900030',
      '7373011212800041',
    ];
    expect(nikColumnDoubts(rows(niks), 'NIK')).toEqual([]);
  });
});
