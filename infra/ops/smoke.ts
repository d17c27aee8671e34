/**
 * `npm run smoke -- <baseUrl>`: the smoke test (smoke-run.ts) from a terminal or the pipeline. The client
 * secret comes from the environment only, so it never shows in a process list or a workflow log.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { webUrlOf, type StackOutputs } from './delivery-plan';
import { runSmoke, SmokeFailure } from './smoke-run';

const USAGE = `Smoke-tests a running deployment, as a partner system would use it.

  npm run smoke -- <baseUrl> [--office <id>] [--case <id>] [--token-url <url>] [--health-only]
  npm run smoke -- --from-outputs <file> [...]

  <baseUrl>          the dashboard's URL: the WebUrl output, the custom domain, or http://localhost:3000
  --from-outputs <f> take <baseUrl> from the WebUrl in a \`cdk deploy\` outputs file (npm run deploy -- <name>
                     --outputs-file <f>)
  --office <id>      the office written in (default: $SMOKE_OFFICE_ID)
  --case <id>        the case written to (default: $SMOKE_CASE_ID, else the first case of the office)
  --client-id <id>   a machine client with cases:read, cases:write, evidence:write (default: $SMOKE_CLIENT_ID)
  --token-url <url>  the OAuth token endpoint (default: from <baseUrl>/config.json)
  --health-only      only GET /health (what the pipeline checks after a production wave)
  --timeout <s>      how long the evidence may stay pending (default 120)

  The client secret is read from $SMOKE_CLIENT_SECRET. Steps: GET /health; a client-credentials token;
  a write (a "[smoke] <run>" line in the case's notes, replacing the last run's) and a read of the case;
  one PDF uploaded as evidence through its presigned URL, polled until the verifier marks it verified.
  An office admin makes the client in the dashboard (Integrasi), or through the API as
  test/integration/smoke.test.ts does against npm start.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      office: { type: 'string' },
      case: { type: 'string' },
      'client-id': { type: 'string' },
      'token-url': { type: 'string' },
      'from-outputs': { type: 'string' },
      'health-only': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const fromOutputs = values['from-outputs'];
  const baseUrl = fromOutputs
    ? webUrlOf(JSON.parse(readFileSync(fromOutputs, 'utf8')) as StackOutputs)
    : positionals[0];
  if (values.help || !baseUrl) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 1;
  }
  const env = process.env;
  const optional = <K extends string>(key: K, value: string | undefined) => (value ? { [key]: value } : {});
  await runSmoke({
    baseUrl,
    ...optional('clientId', values['client-id'] ?? env.SMOKE_CLIENT_ID),
    ...optional('clientSecret', env.SMOKE_CLIENT_SECRET),
    ...optional('officeId', values.office ?? env.SMOKE_OFFICE_ID),
    ...optional('caseId', values.case ?? env.SMOKE_CASE_ID),
    ...optional('tokenUrl', values['token-url']),
    healthOnly: values['health-only'],
    ...(values.timeout ? { verifyTimeoutMs: Number(values.timeout) * 1000 } : {}),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Smoke test passed against ${baseUrl}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof SmokeFailure ? 'Smoke test failed: ' : ''}${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
