/**
 * The surat penempatan (placement letter, issue 14): the Bapas's letter to the head of a partner
 * institution asking it to take a client in at one of its sites. It says who, on what decision, how
 * many hours and at most how many a day, on which weekdays at which hours and for which period, where,
 * who at the Bapas to call, and what the partner is asked to do; Kepala Bapas signs. The attendance
 * sheet (attendance-sheet.ts) goes with it as the enclosure.
 *
 * Plain inputs shaped like the store's placement, case and site records (the domain stays pure).
 */
import { minutesBetween, type LocalDate, type LocalTime } from '../calendar';
import { hoursToMinutes } from '../hours';
import { decimal } from '../indonesian-format';
import type { CaseOrigin } from '../registration-model';
import type { SentenceKind } from '../sentence';
import {
  caseRows,
  decisionHoursRow,
  headSigner,
  officialDocument,
  placeAndDate,
  signatures,
} from './document-blocks';
import {
  clientNoun,
  dateSpan,
  hoursCell,
  hoursText,
  SENTENCE_NAMES,
  siteLine,
  timeSpan,
  unbroken,
  type Official,
} from './document-parts';
import type { DocumentBlock, Letterhead, OfficialDocument } from './official-document';
import { WEEKDAY_NAMES } from '../indonesian-format';

export interface PlacementLetterInput {
  readonly case: {
    readonly clientName: string;
    readonly origin?: CaseOrigin;
    readonly decision: { readonly number?: string; readonly court: string; readonly date: LocalDate };
    readonly diversion?: { readonly penetapanNumber: string };
    readonly sentence: {
      readonly kind: SentenceKind;
      readonly hours: number;
      readonly maxHoursPerDay: number;
    };
    /** The hours still to serve when the letter is written, if a part was served elsewhere already. */
    readonly hoursRemaining?: number;
  };
  /** The placement (ISO weekdays 1 = Monday … 7 = Sunday, office-local times). */
  readonly placement: {
    readonly weekdays: readonly number[];
    readonly startTime: LocalTime;
    readonly endTime: LocalTime;
    readonly from: LocalDate;
    readonly until: LocalDate;
  };
  readonly site: {
    readonly name: string;
    readonly address?: string;
    readonly kelurahan?: string;
    readonly kecamatan?: string;
    readonly kabupatenKota?: string;
  };
  readonly partner: {
    readonly name: string;
    /** How its head is addressed, e.g. `Imam Masjid`, `Lurah`; `Pimpinan` when not known. */
    readonly headTitle?: string;
    /** The town under "di" in the address block. */
    readonly city: string;
  };
  /** The PK, the partner's contact at the Bapas. */
  readonly officer: Official & { readonly phone?: string };
  readonly head: Official & { readonly role?: string };
  readonly letterhead: Letterhead;
  readonly number: string;
  readonly issuedOn: LocalDate;
  readonly verificationUrl: string;
}

/** `[1, 3, 5]` → `Senin, Rabu, dan Jumat`; `[2, 4]` → `Selasa dan Kamis`. */
export function weekdayList(weekdays: readonly number[]): string {
  const names = [...new Set(weekdays)]
    .sort((a, b) => a - b)
    .map((day) => {
      const name = WEEKDAY_NAMES[day - 1];
      if (!name) throw new RangeError(`not an ISO weekday: ${day}`);
      return name;
    });
  if (names.length <= 2) return names.join(' dan ');
  return `${names.slice(0, -1).join(', ')}, dan ${names.at(-1)}`;
}

/** The surat penempatan for one placement. */
export function buildPlacementLetter(input: PlacementLetterInput): OfficialDocument {
  const { case: record, placement, partner, officer } = input;
  const client = clientNoun(record);
  const sentenceName = SENTENCE_NAMES[record.sentence.kind];
  const office = input.letterhead.officeName;
  const dailyMinutes = minutesBetween(placement.startTime, placement.endTime);
  if (dailyMinutes === undefined || dailyMinutes <= 0) {
    throw new RangeError(`not a span of time: ${placement.startTime}-${placement.endTime}`);
  }
  const headTitle = partner.headTitle ?? 'Pimpinan';

  const hourRows = [decisionHoursRow(record.sentence.hours)];
  if (record.hoursRemaining !== undefined && record.hoursRemaining !== record.sentence.hours) {
    hourRows.push({
      label: 'Sisa jam yang wajib dijalani',
      value: hoursText(hoursToMinutes(record.hoursRemaining)),
    });
  }
  const contact = [
    `${officer.name}${officer.nip ? `, NIP. ${unbroken(officer.nip)}` : ''}`,
    officer.phone && `telepon/WhatsApp ${unbroken(officer.phone)}`,
  ]
    .filter(Boolean)
    .join(', ');

  const blocks: DocumentBlock[] = [
    {
      type: 'paragraph',
      text: `Yth. ${headTitle} ${partner.name}\ndi\n${partner.city}`,
    },
    {
      type: 'paragraph',
      text: `Dalam rangka pelaksanaan putusan pengadilan dan perjanjian kerja sama antara ${office} dan ${partner.name}, dengan hormat kami menempatkan ${client} tersebut di bawah ini untuk menjalani ${sentenceName} di lokasi Bapak/Ibu, dengan keterangan sebagai berikut:`,
    },
    {
      type: 'fields',
      rows: [
        // No legal-basis row and no diversion agreement date: the partner needs the decision only to identify it.
        ...caseRows(record, { basis: false, agreement: false }),
        ...hourRows,
        {
          label: 'Batas per hari',
          value: `paling lama ${decimal(record.sentence.maxHoursPerDay)} jam sehari`,
        },
        { label: 'Hari kerja', value: weekdayList(placement.weekdays) },
        {
          label: 'Jam kerja',
          value: `${timeSpan(placement.startTime, placement.endTime)} (${hoursCell(dailyMinutes)} jam)`,
        },
        { label: 'Masa penempatan', value: dateSpan(placement.from, placement.until) },
        // The street address too, unlike the reports: the partner's people have to find the site.
        { label: 'Lokasi', value: siteLine(input.site, input.site.address) },
        { label: 'Pembimbing Kemasyarakatan', value: contact },
      ],
    },
    {
      type: 'paragraph',
      text: `Sehubungan dengan hal tersebut, kami mohon Bapak/Ibu berkenan memberikan pekerjaan sosial yang tidak bersifat komersial dan tidak membahayakan, menunjuk petugas yang mengawasi pelaksanaannya, mengisi dan menandatangani daftar hadir terlampir pada setiap hari kerja, serta segera memberi tahu Pembimbing Kemasyarakatan tersebut di atas apabila ${client} tidak hadir, datang terlambat, atau tidak mematuhi tata tertib di lokasi.`,
    },
    {
      type: 'paragraph',
      text: 'Demikian kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.',
    },
    signatures(headSigner(placeAndDate(input), input)),
  ];

  return officialDocument(input, {
    kind: 'placement_letter',
    title: 'SURAT PENEMPATAN',
    subtitle: `PELAKSANAAN ${sentenceName.toUpperCase()}`,
    blocks,
    metadata: {
      title: `Surat Penempatan ${input.number}`,
      subject: `Penempatan pelaksanaan ${sentenceName}`,
    },
  });
}
