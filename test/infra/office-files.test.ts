import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployments } from '../../infra/config/deployments';
import { readOffices } from '../../infra/config/office-files';
import { parseDeployments, type DeploymentInput } from '../../infra/config/schema';
import { officesOf, regionOf } from '../../infra/ops/offices';

/** The office lists as data (issue 16): infra/config/offices/<deployment>.json, and the region of each office. */
const dir = mkdtempSync(join(tmpdir(), 'abdi-offices-')) + '/';
const write = (name: string, text: string) => writeFileSync(join(dir, `${name}.json`), text);

const palopo = { id: 'bapas-palopo', name: 'Bapas Kelas II Palopo', class: 'II', timeZone: 'Asia/Makassar' };
const deployment: DeploymentInput = {
  name: 'sulsel',
  stage: 'staging',
  account: '111111111111',
  region: 'ap-southeast-3',
  offices: [palopo as DeploymentInput['offices'][number]],
  retention: { evidenceObjectLockDays: 1825, logRetentionDays: 365 },
  authDomainPrefix: 'abdi-sulsel',
};

describe('office lists as data', () => {
  it('gives every deployment its offices from its own file, validated', () => {
    for (const d of deployments) {
      expect(d.offices).toEqual(readOffices(d.name));
      expect(d.offices.length).toBeGreaterThan(0);
    }
    expect(deployments.find((d) => d.name === 'sulsel')?.offices.map((o) => o.id)).toContain('bapas-palopo');
  });

  it('reads a list and refuses a missing file, bad JSON and a bad entry, naming file, index and field', () => {
    write('good', JSON.stringify([palopo]));
    write('broken', '[{');
    write('bad', JSON.stringify([palopo, { ...palopo, id: 'palopo', timeZone: 'Asia/Singapore' }]));
    write('empty', '[]');

    expect(readOffices('good', dir)).toEqual([palopo]);
    expect(() => readOffices('nowhere', dir)).toThrow(
      /No office list for deployment "nowhere": create .*nowhere\.json/,
    );
    expect(() => readOffices('broken', dir)).toThrow(/broken\.json is not valid JSON/);
    expect(() => readOffices('bad', dir)).toThrow(
      /bad\.json:\n {2}- \[1\]\.id: office ids look like "bapas-palopo"\n {2}- \[1\]\.timeZone/,
    );
    expect(() => readOffices('empty', dir)).toThrow(/empty\.json/);
  });

  it("puts offices in the deployment's regionId (by default its name), or in their own", () => {
    const [byName, explicit] = parseDeployments([
      deployment,
      {
        ...deployment,
        name: 'sulsel-b',
        authDomainPrefix: 'abdi-sulsel-b',
        regionId: 'sulsel',
        offices: [
          { ...palopo, id: 'bapas-bone' } as DeploymentInput['offices'][number],
          { ...palopo, id: 'bapas-kendari', regionId: 'sultra' } as DeploymentInput['offices'][number],
        ],
      },
    ]);

    expect(regionOf(byName!)).toBe('sulsel');
    // Two deployments serve one region; one deployment serves two.
    expect(officesOf(byName!).map((o) => o.regionId)).toEqual(['sulsel']);
    expect(officesOf(explicit!).map((o) => [o.id, o.regionId])).toEqual([
      ['bapas-bone', 'sulsel'],
      ['bapas-kendari', 'sultra'],
    ]);
    expect(() => parseDeployments([{ ...deployment, regionId: 'Sulawesi Selatan' }])).toThrow(
      /deployment "sulsel" regionId: a region id/,
    );
  });
});
