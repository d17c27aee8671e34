/**
 * How the field app reads a failed request: worth trying again later (no signal, a server or
 * gateway failure, a copy of the same request still in flight), the end of the session (401), or a
 * refusal for good that the supervisor and the PK must see.
 */
import { ApiProblem } from '../../lib/api';
import type { Refusal } from './items';

export type Failure = { kind: 'retry' } | { kind: 'signed-out' } | { kind: 'refused'; refusal: Refusal };

export function classify(error: unknown): Failure {
  if (!(error instanceof ApiProblem)) return { kind: 'retry' };
  const { status } = error;
  if (status === 401) return { kind: 'signed-out' };
  // 409 with an Idempotency-Key: the first copy committed and is still answering (ADR 0011).
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500)
    return { kind: 'retry' };
  if (status === 409 && error.detail.includes('Idempotency-Key')) return { kind: 'retry' };
  const rules = [...new Set(error.errors.flatMap((e) => (e.rule ? [e.rule] : [])))];
  return {
    kind: 'refused',
    refusal: {
      status,
      type: error.type,
      title: error.title,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors.length ? { fields: error.errors.map((e) => e.path) } : {}),
      ...(rules.length ? { rules } : {}),
    },
  };
}

export const isUnreachable = (error: unknown): boolean => classify(error).kind === 'retry';
