import './quiet-sdk-warning';
import { DEMO_CLIENT, DEMO_PASSWORD, demoUsers } from './seed';
import { LocalSetupError } from './local-error';
import { startLocal } from './start';

/**
 * `npm start`: runs the whole system locally until Ctrl-C. Known set-up problems end in one line and
 * exit code 1; every child process (the DynamoDB Local JVM, s3rver) stops with this process.
 */
async function main(): Promise<void> {
  const fresh = process.argv.includes('--fresh');
  const auth = authOption(process.argv);
  const stack = await startLocal({ fresh, auth });
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    void stack.stop().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  const lines = [
    '',
    `  Abdi is running at ${stack.url}`,
    '',
    `  Demo sign-in (password "${DEMO_PASSWORD}"):`,
    ...demoUsers.map(
      (user) => `    ${user.username.padEnd(16)} ${user.memberships.map((m) => m.role).join(', ')}`,
    ),
    ...(stack.cognito
      ? [
          `  People sign in through cognito-local at ${stack.cognito.endpoint} (pool ${stack.cognito.userPoolId},`,
          `  sign-in client ${stack.cognito.clientId}); its log, with invitation passwords: ${stack.dataDir}/cognito/cognito-local.log`,
        ]
      : []),
    `  Machine client: ${DEMO_CLIENT.clientId} / ${DEMO_CLIENT.secret} (POST ${stack.url}/local/auth/token)`,
    '',
    `  Data: ${stack.dataDir}${stack.seeded ? ' (demo data seeded)' : ''}   npm start -- --fresh to start over`,
    `  Outbox: ${stack.outboxUrl} (email captured by SMTP on ${stack.smtp.host}:${stack.smtp.port}, and SMS)`,
    `  API:  ${stack.url}/v1/openapi.json   Stop: Ctrl-C`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** `--auth cognito-local` or `--auth=cognito-local`; anything else is a set-up error, not a silent default. */
function authOption(argv: readonly string[]): 'local' | 'cognito-local' {
  const index = argv.findIndex((arg) => arg === '--auth' || arg.startsWith('--auth='));
  if (index < 0) return 'local';
  const value = argv[index]?.includes('=') ? argv[index]?.split('=')[1] : argv[index + 1];
  if (value === 'local' || value === 'cognito-local') return value;
  throw new LocalSetupError(`Unknown --auth "${value ?? ''}": use --auth local or --auth cognito-local.`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof LocalSetupError
      ? error.message
      : `Abdi could not start: ${String((error as Error)?.message ?? error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
