/** A refused rule result as `RULE path` per violation (the domain's Result shape); [] when it is ok. */
export const rules = (r: { ok: boolean; violations?: readonly { rule: string; path: string }[] }) =>
  r.ok ? [] : (r.violations ?? []).map((v) => `${v.rule} ${v.path}`);
