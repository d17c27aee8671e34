import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { httpWebhookSender, signedHeaders } from '../../../functions/platform/webhook-sender';

const secret = `whsec_${Buffer.from('abdi-test-secret-24-byte').toString('base64')}`;
const message = (url: string) => ({
  url,
  id: 'msg_01KTEST0000000000000000000',
  timestamp: new Date(),
  body: '{"type":"session.recorded","data":{}}',
  secrets: [secret],
});

describe('the webhook sender', () => {
  it('signs so that the Standard Webhooks library verifies, with every secret it is given', () => {
    const other = `whsec_${Buffer.from('another-secret-24-bytes!').toString('base64')}`;
    const headers = signedHeaders({ ...message('https://example.com'), secrets: [secret, other] });

    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(secret).verify(message('').body, headers)).not.toThrow();
    expect(() => new Webhook(other).verify(message('').body, headers)).not.toThrow();
  });

  it('in the cloud never connects to a loopback, private or link-local address, nor over http', async () => {
    const send = httpWebhookSender('cloud');
    for (const url of [
      'https://127.0.0.1:9/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/hook',
      'https://localhost/hook',
      'http://example.com/hook',
    ]) {
      const result = await send(message(url));
      expect(result, url).toMatchObject({ ok: false, error: expect.stringMatching(/^refused/) });
    }
  });

  it('in local mode reaches a receiver on this machine, and reports a refused connection as a failure', async () => {
    const result = await httpWebhookSender('local')(message('http://127.0.0.1:9/hook'));

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(result.responseStatus).toBeUndefined();
  });
});
