/**
 * The API's own input schemas, as the spreadsheet import's job checks each row with them (issue 22): a
 * row passes exactly when the same values sent to the API would. Zod's issues become paths the job puts
 * back under the row's column keys. The rules' Indonesian sentences are the dashboard's (`rule_*`
 * messages), so the report says what the dashboard would.
 */
import type * as z from 'zod';
import type { ImportInputs, InputCheck } from '../actions/imports/import-ports';
import messages from '../../web/messages/id.json' with { type: 'json' };
import { createAssessmentBody } from './schemas/assessments';
import { createCaseBody } from './schemas/cases';
import { createClientBody } from './schemas/clients';
import { createPartnerBody } from './schemas/partners';
import { createPlacementBody } from './schemas/placements';
import { createSiteBody } from './schemas/sites';

const checkWith =
  <T>(schema: z.ZodType) =>
  (input: unknown): InputCheck<T> => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { ok: true, value: parsed.data as T };
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        // An unknown key names itself: it is the column the row should not have filled.
        path: [...issue.path, ...('keys' in issue && Array.isArray(issue.keys) ? [issue.keys[0]] : [])].join(
          '.',
        ),
        message: issue.message,
      })),
    };
  };

const ruleTexts = messages as Readonly<Record<string, string>>;

export const importInputs: ImportInputs = {
  client: checkWith(createClientBody),
  case: checkWith(createCaseBody),
  assessment: checkWith(createAssessmentBody),
  placement: checkWith(createPlacementBody),
  partner: checkWith(createPartnerBody),
  site: checkWith(createSiteBody),
  ruleText: (rule) => ruleTexts[`rule_${rule.toLowerCase().replaceAll('-', '_')}`],
};
