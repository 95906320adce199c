/**
 * The generated admin password, as a person reads it: plain lines of their own on stderr, never inside a JSON log
 * line (and never in the log at all, which may be shipped elsewhere). The password sits alone after the label, so a
 * glance — or `grep 'Admin password'` — finds it whatever LOG_LEVEL and the log format are.
 */
export function adminPasswordNotice(email: string, password: string): string {
  const rule = '='.repeat(72);
  return [
    '',
    rule,
    `Admin password: ${password}`,
    `Sign in at the console as ${email} with it. It is shown only this once; set ADMIN_PASSWORD to choose your own.`,
    rule,
    '',
  ].join('\n') + '\n';
}
