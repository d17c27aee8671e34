/**
 * The lawful basis on which an office processes a client's personal data (UU 27/2022 Pasal 20(2)), kept
 * on each client and printed in a subject's export. A Bapas processes a sentenced person's data because
 * the law makes it carry out the sentence, never on consent: consent could be withdrawn, the sentence
 * cannot. The two bases that fit are a legal obligation (huruf c) and a task in the public interest or an
 * exercise of official authority (huruf e).
 */

export const LAWFUL_BASES = ['legal_obligation', 'public_task'] as const;
export type LawfulBasisKind = (typeof LAWFUL_BASES)[number];

export interface LawfulBasis {
  readonly basis: LawfulBasisKind;
  /** The provisions relied on, as a person would cite them (PDP article and the law imposing the duty). */
  readonly article: string;
}

/** The PDP provision of each basis. */
export const PDP_ARTICLE: Readonly<Record<LawfulBasisKind, string>> = {
  legal_obligation: 'UU 27/2022 Pasal 20 ayat (2) huruf c',
  public_task: 'UU 27/2022 Pasal 20 ayat (2) huruf e',
};

/**
 * What a client registered without a stated basis is recorded under: the legal obligation to carry out
 * the court's sentence (KUHP Pasal 85 for adults, SPPA Pasal 76 for children) and the Bapas's guidance
 * under the corrections law.
 */
export const DEFAULT_LAWFUL_BASIS: LawfulBasis = {
  basis: 'legal_obligation',
  article: `${PDP_ARTICLE.legal_obligation}; UU 1/2023 (KUHP) Pasal 85; UU 11/2012 (SPPA) Pasal 76; UU 22/2022 (Pemasyarakatan)`,
};

/** The basis on record, or the default for a client registered before bases were recorded. */
export const lawfulBasisOf = (client: { readonly lawfulBasis?: LawfulBasis }): LawfulBasis =>
  client.lawfulBasis ?? DEFAULT_LAWFUL_BASIS;
