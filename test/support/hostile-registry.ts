/** Registry texts an attacker or a careless edit produces, shared by the unit and black-box tests. */

/** The classic "billion laughs": nine aliases per level, nine levels (9⁹ strings once expanded). */
export function aliasBomb(accounts = 'accounts:\n  - id: one\n    config_dir: /tmp/one\n'): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  return `${lines.join('\n')}\n${accounts}`;
}
