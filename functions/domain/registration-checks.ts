/**
 * The checks on what a decision says: formats, the decision number, the way into the case, the hours,
 * the penalty replaced and the sanction for non-compliance.
 */
import { isLocalDate } from './calendar';
import { parseDecisionNumber, type DecisionNumber } from './decision-number';
import { Rule } from './rules';
import {
  fineSubstituteHours,
  HOURS_LIMITS,
  MAX_IMPOSED_FINE_RUPIAH,
  MAX_IMPOSED_PRISON_MONTHS,
  NON_COMPLIANCE_SANCTIONS,
  SENTENCE_KINDS,
  THREATENED_MONTHS_LIMIT,
} from './sentence';
import {
  CASE_ORIGINS,
  CONVERSION_BASES,
  Findings,
  includes,
  present,
  REPLACED_PENALTIES,
  type CaseOrigin,
  type CaseRegistrationInput,
  type DatesOk,
  type RegistrationOptions,
  type ReplacedPenalty,
} from './registration-model';

/** INPUT-FORMAT: later rules only look at values that passed here. */
export function checkFormats(input: CaseRegistrationInput, f: Findings): DatesOk {
  const { decision, sentence, client } = input;
  const date = (value: unknown, path: string, label: string) => {
    const ok = isLocalDate(value);
    if (!ok) f.refuse(Rule.INPUT_FORMAT, path, `${label} must be a YYYY-MM-DD date.`);
    return ok;
  };
  const dates = {
    decision: date(decision.date, 'decision.date', 'Decision date'),
    start: date(sentence.startDate, 'sentence.startDate', 'Start date'),
    deadline: date(sentence.deadline, 'sentence.deadline', 'Deadline'),
    birth: isLocalDate(client.birthDate),
    offence: decision.offenceDate
      ? date(decision.offenceDate, 'decision.offenceDate', 'Offence date')
      : false,
  };
  if (!dates.birth)
    f.refuse(Rule.INPUT_FORMAT, 'clientId', "The client's birth date is missing or malformed.");
  if (input.consent) date(input.consent.recordedOn, 'consent.recordedOn', 'Consent date');
  if (!includes(SENTENCE_KINDS, sentence.kind)) {
    f.refuse(Rule.INPUT_FORMAT, 'sentence.kind', 'Kind must be kerja_sosial or pelayanan_masyarakat.');
  }
  if (!includes(NON_COMPLIANCE_SANCTIONS, decision.nonComplianceSanction)) {
    f.refuse(
      Rule.INPUT_FORMAT,
      'decision.nonComplianceSanction',
      'Sanction must be repeat, serve_prison or pay_fine.',
    );
  }
  const { prisonMonths, fineRupiah } = decision.imposed ?? {};
  if (present(prisonMonths) && !(Number.isFinite(prisonMonths) && prisonMonths > 0)) {
    f.refuse(Rule.INPUT_FORMAT, 'decision.imposed.prisonMonths', 'Prison months must be a positive number.');
  }
  if (present(fineRupiah) && !(Number.isInteger(fineRupiah) && fineRupiah > 0)) {
    f.refuse(
      Rule.INPUT_FORMAT,
      'decision.imposed.fineRupiah',
      'Fine must be a positive whole number of rupiah.',
    );
  }
  const threatened = decision.threatenedMaxMonths;
  if (present(threatened) && !(Number.isFinite(threatened) && threatened >= 0)) {
    f.refuse(
      Rule.INPUT_FORMAT,
      'decision.threatenedMaxMonths',
      'Threatened maximum must be 0 (a fine-only offence) or a positive number of months.',
    );
  }
  if (dates.offence && dates.decision && decision.offenceDate! > decision.date) {
    f.refuse(Rule.INPUT_FORMAT, 'decision.offenceDate', 'The offence cannot be after the decision.');
  }
  return dates;
}

/** ID-DECISION-NUMBER: any level and type; its case year is not after the decision. */
export function checkDecisionNumber(
  input: CaseRegistrationInput,
  decisionDateOk: boolean,
  options: RegistrationOptions,
  f: Findings,
): DecisionNumber | undefined {
  const parsed = parseDecisionNumber(input.decision.number ?? '', {
    path: 'decision.number',
    ...(options.allowedCourtCodes ? { allowedCourtCodes: options.allowedCourtCodes } : {}),
  });
  if (!parsed.ok) {
    f.violations.push(...parsed.violations);
    return undefined;
  }
  if (decisionDateOk && parsed.value.year > Number(input.decision.date.slice(0, 4))) {
    f.refuse(
      Rule.ID_DECISION_NUMBER,
      'decision.number',
      'The case year in the decision number is after the decision date.',
    );
  }
  return parsed.value;
}

/** ORIGIN-DIVERSION and CONV-LEGAL-BASIS: what each way into a case must carry. */
export function checkOrigin(input: CaseRegistrationInput, origin: CaseOrigin, dates: DatesOk, f: Findings) {
  if (!includes(CASE_ORIGINS, origin)) {
    f.refuse(Rule.INPUT_FORMAT, 'origin', 'Origin must be decision, diversion or fine_conversion.');
    return;
  }
  if (origin === 'diversion') {
    const diversion = input.diversion;
    if (input.sentence.kind !== 'pelayanan_masyarakat') {
      f.refuse(
        Rule.ORIGIN_DIVERSION,
        'sentence.kind',
        'A diversion agreement is for a child: pelayanan_masyarakat.',
      );
    }
    if (!diversion || diversion.penetapanNumber.trim() === '') {
      f.refuse(
        Rule.ORIGIN_DIVERSION,
        'diversion.penetapanNumber',
        "A diversion is registered from its court's penetapan.",
      );
    } else if (!isLocalDate(diversion.agreementDate)) {
      f.refuse(Rule.INPUT_FORMAT, 'diversion.agreementDate', 'Agreement date must be a YYYY-MM-DD date.');
    } else if (dates.decision && diversion.agreementDate > input.decision.date) {
      f.refuse(Rule.ORIGIN_DIVERSION, 'diversion.agreementDate', 'The agreement comes before its penetapan.');
    }
  }
  if (origin === 'fine_conversion') {
    const conversion = input.conversion;
    if (input.sentence.kind !== 'kerja_sosial') {
      f.refuse(Rule.CONV_LEGAL_BASIS, 'sentence.kind', 'A fine is converted into kerja_sosial.');
    }
    if (!conversion || !includes(CONVERSION_BASES, conversion.legalBasis)) {
      f.refuse(
        Rule.CONV_LEGAL_BASIS,
        'conversion.legalBasis',
        `The legal basis is one of ${CONVERSION_BASES.join(', ')}.`,
      );
    }
  }
}

/** KS-HOURS, and for a conversion KS-FINE-SUBSTITUTE: the hours follow from the fine. */
export function checkHours(
  input: CaseRegistrationInput,
  origin: CaseOrigin,
  kindOk: boolean,
  f: Findings,
): boolean {
  const { sentence } = input;
  if (!Number.isInteger(sentence.hours)) {
    f.refuse(Rule.KS_HOURS, 'sentence.hours', 'Hours ordered must be a whole number.');
    return false;
  }
  if (!kindOk) return false;
  const limits = HOURS_LIMITS[sentence.kind];
  if (sentence.hours < limits.min || sentence.hours > limits.max) {
    f.refuse(
      Rule.KS_HOURS,
      'sentence.hours',
      `Hours ordered for ${sentence.kind} must be ${limits.min}–${limits.max}.`,
    );
    return false;
  }
  if (origin === 'fine_conversion' && input.conversion) {
    const substitute = fineSubstituteHours(input.conversion.fineRupiah);
    if (!substitute.ok) {
      f.violations.push(...substitute.violations.map((v) => ({ ...v, path: 'conversion.fineRupiah' })));
      return false;
    }
    if (substitute.value.fullHours !== sentence.hours) {
      f.refuse(
        Rule.KS_FINE_SUBSTITUTE,
        'sentence.hours',
        `A fine of Rp${input.conversion.fineRupiah} converts to ${substitute.value.fullHours} hours (one per Rp50,000 or part, 8–240).`,
      );
      return false;
    }
  }
  return true;
}

/**
 * KS-ELIGIBILITY and KS-REPLACES for an adult's decision: which imposed penalty the kerja sosial
 * replaces, and whether 85(1) allows it. Returns the replaced penalty when it is known.
 */
export function checkPenalties(
  input: CaseRegistrationInput,
  origin: CaseOrigin,
  f: Findings,
): ReplacedPenalty | undefined {
  if (origin === 'fine_conversion') return 'fine';
  if (origin !== 'decision') return undefined;
  const { decision } = input;
  const { prisonMonths, fineRupiah } = decision.imposed ?? {};
  const threatened = decision.threatenedMaxMonths;
  if (!present(threatened)) {
    f.refuse(
      Rule.KS_ELIGIBILITY,
      'decision.threatenedMaxMonths',
      "The offence's threatened maximum (0 if only a fine) is needed.",
    );
  } else if (threatened >= THREATENED_MONTHS_LIMIT) {
    f.refuse(
      Rule.KS_ELIGIBILITY,
      'decision.threatenedMaxMonths',
      'Kerja sosial needs an offence threatened with under 5 years (60 months) of prison.',
    );
  } else if (threatened === 0 && present(prisonMonths)) {
    f.refuse(
      Rule.KS_ELIGIBILITY,
      'decision.imposed.prisonMonths',
      'An offence that carries only a fine cannot have led to prison.',
    );
  }
  if (!present(prisonMonths) && !present(fineRupiah)) {
    f.refuse(
      Rule.KS_ELIGIBILITY,
      'decision.imposed',
      'The decision must state the prison term or the fine it replaces.',
    );
    return undefined;
  }
  const replaces =
    decision.replaces ?? (present(prisonMonths) ? (present(fineRupiah) ? undefined : 'prison') : 'fine');
  if (!replaces) {
    f.refuse(
      Rule.KS_REPLACES,
      'decision.replaces',
      'The decision imposes prison and a fine: say which one the kerja sosial replaces.',
    );
    return undefined;
  }
  if (
    !includes(REPLACED_PENALTIES, replaces) ||
    (replaces === 'prison' ? !present(prisonMonths) : !present(fineRupiah))
  ) {
    f.refuse(
      Rule.KS_REPLACES,
      'decision.replaces',
      'The kerja sosial replaces a penalty the decision imposed.',
    );
    return undefined;
  }
  if (replaces === 'prison' && prisonMonths! > MAX_IMPOSED_PRISON_MONTHS) {
    f.refuse(
      Rule.KS_ELIGIBILITY,
      'decision.imposed.prisonMonths',
      'Kerja sosial replaces prison of at most 6 months.',
    );
  }
  if (replaces === 'fine' && fineRupiah! > MAX_IMPOSED_FINE_RUPIAH) {
    f.refuse(
      Rule.KS_ELIGIBILITY,
      'decision.imposed.fineRupiah',
      'Kerja sosial replaces a fine of at most Rp10,000,000.',
    );
  }
  return replaces;
}

/** KS-SANCTION (adults, 85(7)(b)/(c)) and CHILD-SANCTION (SPPA 76(2)): what non-compliance may bring. */
export function checkSanction(
  input: CaseRegistrationInput,
  replaces: ReplacedPenalty | undefined,
  f: Findings,
) {
  const sanction = input.decision.nonComplianceSanction;
  const path = 'decision.nonComplianceSanction';
  if (input.sentence.kind === 'pelayanan_masyarakat') {
    if (sanction !== 'repeat')
      f.refuse(Rule.CHILD_SANCTION, path, "A child's non-compliance can only lead to repeating the hours.");
    return;
  }
  // When the replaced penalty is itself in question, KS-REPLACES has said so; the sanction waits for it.
  if (f.has('decision.replaces') || f.has('decision.imposed')) return;
  if (sanction === 'serve_prison' && replaces !== 'prison') {
    f.refuse(
      Rule.KS_SANCTION,
      path,
      'serve_prison needs the kerja sosial to replace an imposed prison term.',
    );
  }
  if (sanction === 'pay_fine' && replaces !== 'fine') {
    f.refuse(Rule.KS_SANCTION, path, 'pay_fine needs the kerja sosial to replace an imposed fine.');
  }
}
