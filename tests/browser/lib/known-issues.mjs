// known-issues.mjs: problems that come from HTML the Rust renderer writes (not the theme),
// listed with the exact rule so the suite stays strict about everything else. Each entry says
// what to change; remove it when the renderer is fixed (the suite prints which still occur).

/** Axe violations to set aside: [rule id, page path test, reason]. */
export const KNOWN_AXE = [];

/** Page-validation findings to set aside: [kind, test on the message, reason]. */
export const KNOWN_HTML = [];

/** The reason a violation is known, or null. */
export function knownAxe(path, violation) {
  for (const [rule, where, reason] of KNOWN_AXE) {
    if (rule === violation.id && where.test(path)) return reason;
  }
  return null;
}

/** The reason a page-validation finding is known, or null. */
export function knownHtml(kind, message) {
  for (const [k, what, reason] of KNOWN_HTML) {
    if (k === kind && what.test(message)) return reason;
  }
  return null;
}
