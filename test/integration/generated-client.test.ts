import createClient from 'openapi-fetch';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { paths } from '../contract/generated/abdi-api';
import { handlerFetch } from '../contract/handler-fetch';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

// The API as a third party sees it: every path, body and answer below is typed by `paths`, which
// `npm run contract:client` generates from the OpenAPI document the route table publishes. Bodies
// are written out literally (not built by the loosely typed helpers in test/support) so that the
// compiler checks each field against the contract; a renamed or removed field fails `npm run typecheck`.

// 10 March 2026, 16:00 in Palopo (WITA): the case started on 1 March; yesterday's session is in the past.
const env = testEnvironment({ now: () => new Date('2026-03-10T08:00:00Z') });
let world: Awaited<ReturnType<typeof seedDirectory>>;

/** A client of the API holding `claims`' token, served in-process by the handler (no server, no port). */
const clientAs = (claims: Record<string, unknown>) =>
  createClient<paths>({ baseUrl: 'http://abdi.invalid', fetch: handlerFetch(env.handler, claims) });

let admin: ReturnType<typeof clientAs>;
let officer: ReturnType<typeof clientAs>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  admin = clientAs(world.claims.admin);
  officer = clientAs(world.claims.officer);
});

/** The typed body of a `status` answer; fails with the problem the API answered instead. */
function answered<T>(result: { data?: T; error?: unknown; response: Response }, status: number): T {
  expect(result.response.status, JSON.stringify(result.error)).toBe(status);
  if (result.data === undefined) throw new Error(`no body in the ${status} answer`);
  return result.data;
}

describe('a client generated from the OpenAPI document', () => {
  it('takes a case from registration to a credited session', async () => {
    const office = { officeId: world.home };

    const person = answered(
      await officer.POST('/v1/offices/{officeId}/clients', {
        params: { path: office },
        body: {
          fullName: 'Andi Baso',
          // Born 15 January 1990 (DDMMYY after the Kota Palopo area code), a man: day below 40.
          nik: '7373011501900001',
          birthDate: '1990-01-15',
          sex: 'M',
          address: 'Jl. Ahmad Yani, Kelurahan Balandai, Kota Palopo',
        },
      }),
      201,
    );
    const partner = answered(
      await admin.POST('/v1/offices/{officeId}/partners', {
        params: { path: office },
        body: {
          name: 'Pemerintah Kota Palopo',
          kind: 'government',
          nonCommercial: true,
          contact: { name: 'Bagian Hukum Setda', email: 'hukum@example.invalid' },
          agreement: {
            number: 'PKS/01/BAPAS-PLP/I/2026',
            signedOn: '2026-01-12',
            validFrom: '2026-01-12',
            validUntil: '2028-01-11',
          },
        },
      }),
      201,
    );
    const site = answered(
      await admin.POST('/v1/offices/{officeId}/sites', {
        params: { path: office },
        body: {
          partnerId: partner.id,
          name: 'Masjid Balandai',
          address: 'Jl. Dr. Ratulangi',
          kelurahan: 'Balandai',
          kecamatan: 'Bara',
          kabupatenKota: 'Kota Palopo',
          location: { lat: -2.9712, lng: 120.1788, radiusMeters: 100 },
          capacity: 4,
          activities: ['Membersihkan masjid'],
        },
      }),
      201,
    );
    const registered = answered(
      await officer.POST('/v1/offices/{officeId}/cases', {
        params: { path: office },
        body: {
          clientId: person.id,
          officerUsername: world.people.officer,
          prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
          decision: {
            number: '12/Pid.B/2026/PN Plp',
            court: 'PN Palopo',
            date: '2026-02-20',
            offenceArticles: ['Pasal 476 KUHP'],
            threatenedMaxMonths: 48,
            imposed: { prisonMonths: 3 },
            nonComplianceSanction: 'serve_prison',
          },
          sentence: {
            kind: 'kerja_sosial',
            hours: 40,
            maxHoursPerDay: 4,
            startDate: '2026-03-01',
            deadline: '2026-06-30',
          },
          consent: { given: true, recordedOn: '2026-02-25' },
        },
      }),
      201,
    );
    const caseOf = { officeId: world.home, caseId: registered.id };
    const assessment = answered(
      await officer.POST('/v1/offices/{officeId}/cases/{caseId}/assessments', {
        params: { path: caseOf },
        body: {
          litmas: { number: 'W23.PAS.PAS12-PK.01.05.02-101', date: '2026-02-10' },
          recommendation: 'Layak menjalani pidana kerja sosial di lingkungan pemerintah kota',
          consent: { status: 'given', recordedOn: '2026-02-10' },
        },
      }),
      201,
    );
    answered(
      await officer.POST('/v1/offices/{officeId}/cases/{caseId}/placements', {
        params: { path: caseOf },
        body: {
          siteId: site.id,
          weekdays: [1, 2, 3, 4, 5],
          startTime: '08:00',
          endTime: '12:00',
          from: '2026-03-02',
          until: '2026-06-30',
        },
      }),
      201,
    );
    const session = answered(
      await officer.POST('/v1/offices/{officeId}/cases/{caseId}/sessions', {
        params: { path: caseOf },
        body: {
          date: '2026-03-09',
          startTime: '08:00',
          endTime: '11:00',
          siteId: site.id,
          outcome: 'attended',
          activity: 'Membersihkan masjid',
        },
      }),
      201,
    );
    const read = answered(
      await officer.GET('/v1/offices/{officeId}/cases/{caseId}', { params: { path: caseOf } }),
      200,
    );

    expect(registered.status).toBe('received');
    expect(assessment.case.status).toBe('assessed');
    expect(session).toMatchObject({ hoursCredited: 3, verified: true, clipped: false });
    expect(read.status).toBe('active');
    expect(read.progress).toMatchObject({ hoursOrdered: 40, hoursCredited: 3, hoursRemaining: 37 });
    // The generated types say what the API answers: the credit is a number the client can add up.
    expectTypeOf(read.progress.hoursCredited).toEqualTypeOf<number>();
    expectTypeOf(session.hoursCredited).toEqualTypeOf<number>();
  });

  it('refuses at compile time a body field the contract does not name, and the API answers 400', async () => {
    const result = await officer.POST('/v1/offices/{officeId}/clients', {
      params: { path: { officeId: world.home } },
      body: {
        // @ts-expect-error -- `fullname` is not in the contract (`fullName` is): tsc must refuse it.
        fullname: 'Andi Baso',
        nik: '7373011501900002',
        birthDate: '1990-01-15',
        sex: 'M',
        address: 'Jl. Ahmad Yani, Kota Palopo',
      },
    });

    expect(result.response.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ path: 'fullName' })]),
    });
  });
});
