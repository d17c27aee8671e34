import * as z from 'zod';
import { access } from '../access';
import { defineRoute } from '../route';

export const getHealth = defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  summary: 'Liveness: the function runs. Does not touch the data store, so it stays cheap to poll.',
  tags: ['system'],
  access: access.public,
  responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
  async handle() {
    return { status: 200, body: { status: 'ok' } };
  },
});
