import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll } from 'vitest';
import { deployments } from '../../infra/config/deployments';
import { startCognitoLocal, type CognitoLocal } from '../../infra/local/cognito-local';
import {
  provisionUserPool,
  synthesizeUserPool,
  type ProvisionedPool,
} from '../../infra/local/user-pool-template';

/**
 * cognito-local with the user pool the CDK synthesizes for a real deployment, for one test file:
 * started in its beforeAll, stopped in its afterAll. `emulatorEnv` reaches the emulator's process
 * (`CODE` fixes the temporary password it "emails"). The parts are there once the tests run.
 */
export function emulatedUserPool(name: string, emulatorEnv: Record<string, string> = {}) {
  let emulator: CognitoLocal | undefined;
  let cognito: CognitoIdentityProviderClient | undefined;
  let pool: ProvisionedPool | undefined;
  const ready = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('cognito-local is not started yet (use it inside a test)');
    return part;
  };

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), `abdi-${name}-`));
    emulator = await startCognitoLocal({ dataDir: work, env: emulatorEnv });
    cognito = new CognitoIdentityProviderClient({
      region: 'ap-southeast-3',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const deployment = deployments[0];
    if (!deployment) throw new Error('no deployment configured');
    pool = await provisionUserPool(cognito, synthesizeUserPool(deployment), {
      pool: `abdi-${name}-users`,
      client: `abdi-${name}-sign-in`,
    });
  }, 120_000);

  afterAll(async () => {
    cognito?.destroy();
    await emulator?.stop();
  });

  return {
    get emulator() {
      return ready(emulator);
    },
    get cognito() {
      return ready(cognito);
    },
    get pool() {
      return ready(pool);
    },
    /** A sign-in with username and password: tokens, or the challenge Cognito asks next. */
    signIn(username: string, password: string) {
      return ready(cognito).send(
        new InitiateAuthCommand({
          ClientId: ready(pool).clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
    },
    /** Answers the challenge `username`'s sign-in was given (`started`); the access token it ends with. */
    async answer(
      username: string,
      started: InitiateAuthCommandOutput,
      responses: Record<string, string>,
    ): Promise<string> {
      const done = await ready(cognito).send(
        new RespondToAuthChallengeCommand({
          ClientId: ready(pool).clientId,
          ChallengeName: started.ChallengeName,
          Session: started.Session,
          ChallengeResponses: { USERNAME: username, ...responses },
        }),
      );
      return String(done.AuthenticationResult?.AccessToken);
    },
  };
}
