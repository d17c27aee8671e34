import type { OfficeDocumentSettings } from '../../functions/domain/documents';

/** Bapas Palopo's letterhead, head and register as its admin sets them (issue 14). */
export const palopoDocumentSettings = (
  register: Partial<OfficeDocumentSettings['register']> = {},
): OfficeDocumentSettings => ({
  letterhead: {
    kanwil: 'KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN',
    officeName: 'Balai Pemasyarakatan Kelas II Palopo',
    address: 'Jalan Andi Djemma No. 12, Palopo 91921',
    contact: 'Telp. (0471) 21234 · bapas.palopo@kemenimipas.go.id',
    city: 'Palopo',
  },
  head: { name: 'Drs. Andi Muh. Yusuf, M.H.', nip: '197203151998031002' },
  register: {
    pattern: 'W23.PAS.PAS3-PK.01.05-{seq}/{yyyy}',
    restart: 'yearly',
    sequencePer: 'office',
    ...register,
  },
});
