import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeClientSms,
  dayDate,
  feasibilityAlertEmail,
  feasibilityReasonText,
  maskContact,
  mobileE164,
  smsGreetingName,
  supervisorDayEmail,
  unrecordedDayEmail,
  weeklyDigestEmail,
  type ClientSmsFacts,
} from '../../../functions/domain';

const facts: ClientSmsFacts = {
  greetingName: 'Andi',
  siteName: 'Masjid Balandai',
  officeName: 'Bapas Palopo',
  date: '2026-12-07',
  startTime: '08:00',
  endTime: '12:00',
};

/** GSM-7's basic set: an SMS written in it costs 160 characters a part, not 70. */
const GSM7 = /^[A-Za-z0-9 @£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà]*$/;

describe('reminder texts', () => {
  it('writes the day with its weekday, the Indonesian way', () => {
    expect(dayDate('2026-12-07')).toBe('Senin, 7 Desember 2026');
    expect(dayDate('2026-12-13')).toBe('Minggu, 13 Desember 2026');
  });

  it("the client's SMS names the day, the hours with a point and the site, in one GSM-7 part", () => {
    const text = composeClientSms(facts);
    expect(text).toBe(
      'Yth. Andi, pengingat dari Bapas Palopo: jadwal kegiatan Anda besok Senin, 7 Desember 2026 ' +
        'pukul 08.00-12.00 di Masjid Balandai. Mohon hadir tepat waktu.',
    );
    expect(text).toMatch(GSM7);
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it("REMINDER-SMS-NO-PII: a child's reminder goes to the guardian, naming the child by first name only", () => {
    const text = composeClientSms({ ...facts, greetingName: 'Hasnah', childName: 'Rizal' });
    expect(text).toBe(
      'Yth. Hasnah, pengingat dari Bapas Palopo: ananda Rizal dijadwalkan besok Senin, 7 Desember 2026 ' +
        'pukul 08.00-12.00 di Masjid Balandai. Mohon didampingi.',
    );
    expect(text).toMatch(GSM7);
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it('greets by the first name, or by initials when the name starts with a title or a letter', () => {
    expect(smsGreetingName('Andi Baso Makkulau')).toBe('Andi');
    expect(smsGreetingName('M. Yusuf Kalla')).toBe('M.Y.K.');
    expect(smsGreetingName('Hj. Sitti Aminah')).toBe('H.S.A.');
    expect(smsGreetingName('  ')).toBe('Bapak/Ibu');
  });

  it('REMINDER-SMS-NO-PII: only the narrow facts reach the SMS, whatever else the caller holds', () => {
    const record = {
      ...facts,
      nik: '7373011501900003',
      offenceArticles: ['Pasal 476 KUHP'],
      decisionNumber: '12/Pid.B/2026/PN Plp',
      caseId: '01JCASE0000000000000000000',
    };
    // A case or client record does not fit the type: the compiler refuses it as the input.
    // @ts-expect-error -- `nik` is not a field of ClientSmsFacts
    const typed: ClientSmsFacts = { ...facts, nik: record.nik };
    const text = composeClientSms(record);
    expect(typed.greetingName).toBe('Andi');
    expect(text).not.toContain(record.nik);
    expect(text).not.toMatch(/Pasal|Pid|KUHP|kasus|putusan|kerja sosial/i);
    expect(text).not.toContain(record.caseId);
  });

  it('REMINDER-SMS-NO-PII: no run of five digits or more survives from any name typed into the facts', () => {
    const nik = fc.stringMatching(/^\d{16}$/);
    fc.assert(
      fc.property(fc.string(), fc.string(), nik, (site, office, id) => {
        const text = composeClientSms({
          ...facts,
          siteName: `${site} ${id}`,
          officeName: `${id}${office}`,
          greetingName: smsGreetingName(`${id} ${site}`),
        });
        // Date and hours hold runs of at most four digits (the year).
        expect(text).not.toMatch(/\d{5,}/);
        expect(text).not.toContain(id);
      }),
    );
  });

  it('REMINDER-SMS-MOBILE: Indonesian mobile numbers in any common writing become E.164', () => {
    expect(mobileE164('0812-3456-7890')).toBe('+6281234567890');
    expect(mobileE164('+62 812 3456 7890')).toBe('+6281234567890');
    expect(mobileE164('6281234567890')).toBe('+6281234567890');
    expect(mobileE164('(0812) 345.678')).toBe('+62812345678');
  });

  it('REMINDER-SMS-MOBILE: landlines, numbers abroad and malformed numbers are not mobile numbers', () => {
    expect(mobileE164('0471 000 0001')).toBeUndefined(); // Palopo landline
    expect(mobileE164('+65 8123 4567')).toBeUndefined(); // Singapore
    expect(mobileE164('0812 345')).toBeUndefined(); // too short
    expect(mobileE164('0812 3456 7890 123')).toBeUndefined(); // too long
    expect(mobileE164('0812-ABCD-7890')).toBeUndefined();
    expect(mobileE164(undefined)).toBeUndefined();
    expect(mobileE164('')).toBeUndefined();
  });

  it('masks a contact for the log: enough to recognise, too little to use', () => {
    expect(maskContact('+6281234567789')).toBe('+62812****789');
    expect(maskContact('budi.santoso@palopo.go.id')).toBe('b***@palopo.go.id');
    expect(maskContact('12345')).toBe('****');
  });

  it("the supervisor's email lists tomorrow's clients at the site by time", () => {
    const email = supervisorDayEmail({
      officeName: 'Bapas Palopo',
      siteName: 'Masjid Balandai',
      date: '2026-12-07',
      slots: [
        { clientName: 'Budi', startTime: '13:00', endTime: '15:00' },
        { clientName: 'Andi', startTime: '08:00', endTime: '12:00' },
      ],
    });
    expect(email.subject).toBe('Jadwal besok di Masjid Balandai: 2 klien (Senin, 7 Desember 2026)');
    expect(email.text).toContain('1. 08.00-12.00  Andi\n2. 13.00-15.00  Budi');
  });

  it("the PK's end-of-day email lists the unrecorded sessions with their cases", () => {
    const email = unrecordedDayEmail({
      officeName: 'Bapas Palopo',
      date: '2026-12-07',
      slots: [{ clientName: 'Andi', startTime: '08:00', endTime: '12:00', siteName: 'Masjid', caseId: 'C1' }],
    });
    expect(email.subject).toBe('1 sesi belum dicatat (Senin, 7 Desember 2026)');
    expect(email.text).toContain('1. 08.00-12.00  Andi, Masjid (kasus C1)');
  });

  it('the impossible alert states the numbers the PK puts to the jaksa', () => {
    const alert = {
      officeName: 'Bapas Palopo',
      clientName: 'Andi',
      caseId: 'C1',
      state: 'impossible' as const,
      remainingMinutes: 76 * 60,
      possibleMinutes: 60 * 60,
      deadline: '2026-12-20',
    };
    expect(feasibilityReasonText(alert)).toBe(
      '76 jam tersisa, paling banyak 60 jam mungkin sebelum 20 Desember 2026',
    );
    const email = feasibilityAlertEmail(alert);
    expect(email.subject).toBe('Tidak mungkin selesai tepat waktu: Andi');
    expect(email.text).toContain(
      'Alasan: 76 jam tersisa, paling banyak 60 jam mungkin sebelum 20 Desember 2026.',
    );
    expect(email.text).toContain('jaksa');
  });

  it('the at-risk alert adds the latest start and the slack', () => {
    const text = feasibilityReasonText({
      officeName: 'Bapas Palopo',
      clientName: 'Andi',
      caseId: 'C1',
      state: 'at_risk',
      remainingMinutes: 40 * 60,
      possibleMinutes: 48.5 * 60,
      deadline: '2026-06-30',
      latestStart: '2026-06-12',
      slackDays: 3,
    });
    expect(text).toBe(
      '40 jam tersisa, paling banyak 48,5 jam mungkin sebelum 30 Juni 2026; ' +
        'pekerjaan harus dimulai paling lambat 12 Juni 2026 (cadangan 3 hari)',
    );
  });

  it('the weekly digest has every section, "tidak ada" where empty', () => {
    const email = weeklyDigestEmail({
      officeName: 'Bapas Palopo',
      weekOf: '2026-12-07',
      openCases: 3,
      impossible: [{ caseId: 'C1', clientName: 'Andi', deadline: '2026-12-20' }],
      atRisk: [],
      missed: [{ caseId: 'C2', clientName: 'Budi', deadline: '2027-01-10', missedSlots: 2 }],
      runningOut: [{ caseId: 'C3', clientName: 'Citra', deadline: '2027-02-01' }],
    });
    expect(email.subject).toBe('Ringkasan mingguan 7 Desember 2026: 2 kasus perlu perhatian');
    expect(email.text).toContain(
      'Tidak mungkin selesai tepat waktu: 1\n- Andi (kasus C1), batas waktu 20 Desember 2026',
    );
    expect(email.text).toContain('Berisiko tidak selesai tepat waktu: 0\n- tidak ada');
    expect(email.text).toContain('- Budi (kasus C2), batas waktu 10 Januari 2027: 2 sesi');
    expect(email.text).toContain('- Citra (kasus C3), batas waktu 1 Februari 2027; belum ada jadwal');
  });
});
