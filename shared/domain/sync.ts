/**
 * 数据报送 what both sides and the screens share about sync: the audit head's short code.
 *
 * The short code is what a director signs on the monthly report between syncs: the audit trail's
 * last sequence number and the first 64 bits of its hash, `1234-3F9C-8A1B-77D0-5E21`. Typed back into
 * `civicdesk audit verify --anchor`, it proves the trail up to that entry is the one that was signed.
 */
export function auditHeadCode(seq: number, hash: string): string {
  return `${seq}-${hash.slice(0, 16).toUpperCase().match(/.{4}/g)!.join('-')}`;
}

/** A short code or a full `SEQ:HASH` anchor, as `{ seq, hash }` (hash may be the 16-hex-digit prefix); null when it is neither. */
export function parseAuditAnchor(text: string): { seq: number; hash: string } | null {
  const t = text.trim();
  const full = /^(\d+):([0-9a-fA-F]{64})$/.exec(t);
  if (full) return { seq: Number(full[1]), hash: full[2].toLowerCase() };
  const code = /^(\d+)-([0-9A-Fa-f]{4})-?([0-9A-Fa-f]{4})-?([0-9A-Fa-f]{4})-?([0-9A-Fa-f]{4})$/.exec(t);
  if (code) return { seq: Number(code[1]), hash: (code[2] + code[3] + code[4] + code[5]).toLowerCase() };
  return null;
}
