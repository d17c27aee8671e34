import type { ApiLambda } from './http-adapter';
import { caller } from './seed-cases';

const KANWIL_SULSEL = 'KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN';

/** Demo letterheads, heads and registers (the register pattern is the one issue 14 quotes). */
const DEMO_DOCUMENT_SETTINGS = {
  'bapas-palopo': {
    letterhead: {
      kanwil: KANWIL_SULSEL,
      officeName: 'Balai Pemasyarakatan Kelas II Palopo',
      address: 'Jalan Andi Djemma No. 12, Kota Palopo 91921',
      contact: 'Telp. (0471) 21234 · bapas.palopo@example.go.id',
      city: 'Palopo',
    },
    head: { name: 'Andi Muh. Yusuf, S.H., M.H.', nip: '197203151998031002' },
    register: { pattern: 'W23.PAS.PAS3-PK.01.05-{seq}/{yyyy}', restart: 'yearly', sequencePer: 'office' },
  },
  'bapas-makassar': {
    letterhead: {
      kanwil: KANWIL_SULSEL,
      officeName: 'Balai Pemasyarakatan Kelas I Makassar',
      address: 'Jalan Sultan Alauddin No. 191, Kota Makassar 90221',
      city: 'Makassar',
    },
    head: { name: 'Syamsuddin, S.Sos., M.Si.' },
    register: { pattern: '{kind}-{seq:4}/{mm:roman}/{yyyy}', restart: 'yearly', sequencePer: 'office' },
  },
} as const;

/**
 * The offices' document settings and a few issued documents (issue 14), through the API as the admin
 * and the PK would: the placement letter and the month's attendance sheet of the Masjid Bara case, and
 * the completion record of the completed case (which the PK may now close).
 */
export async function seedDemoDocuments(
  api: ApiLambda,
  demo: {
    readonly activeCaseId: string;
    readonly completedCaseId: string;
    readonly siteId: string;
    readonly month: string;
  },
): Promise<void> {
  for (const [officeId, settings] of Object.entries(DEMO_DOCUMENT_SETTINGS)) {
    const admin = caller(api, officeId === 'bapas-palopo' ? 'admin.palopo' : 'admin.makassar');
    await admin('PUT', `/v1/offices/${officeId}/document-settings`, settings);
  }
  const pk = caller(api);
  const documents = '/v1/offices/bapas-palopo/documents';
  await pk('POST', documents, { kind: 'placement_letter', caseId: demo.activeCaseId });
  await pk('POST', documents, { kind: 'attendance_sheet', siteId: demo.siteId, month: demo.month });
  await pk('POST', documents, { kind: 'completion_record', caseId: demo.completedCaseId });
}
