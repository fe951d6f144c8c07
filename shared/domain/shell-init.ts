/**
 * `quota-broker shell-init bash|zsh|fish` (docs/contracts.md "Launching Claude Code on a slot"): shell
 * functions that start Claude Code on a slot through `quota-broker run`, for `eval` in a shell's rc file —
 * `claude1 … claudeN` in registry order (what home-made setups called their accounts) plus one named after
 * each slot id. Pure: the command that runs the broker is an argument.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** One function: its name and the slot it launches. */
export interface ShellFunction {
  name: string;
  slot: string;
}

/**
 * The function named after a slot id: `claude-<id>`, or the id itself when it already starts with
 * `claude-`. Never the bare id: an id like `test` or `ls` would otherwise shadow a command.
 */
export function getSlotFunctionName(id: string): string {
  return id.startsWith('claude-') ? id : `claude-${id}`;
}

/**
 * Every function for the slots in registry order: `claude1…claudeN` first, then one per slot id. A per-id
 * name that repeats a numbered one (a slot called `claude-1`… is fine; the numbered names have no dash)
 * or the bare `claude` is left out, so no name is defined twice and plain `claude` stays Claude Code.
 */
export function getShellFunctions(slotIds: readonly string[]): ShellFunction[] {
  const numbered = slotIds.map((slot, i) => ({ name: `claude${i + 1}`, slot }));
  const taken = new Set(['claude', ...numbered.map((f) => f.name)]);
  const named: ShellFunction[] = [];
  for (const slot of slotIds) {
    const name = getSlotFunctionName(slot);
    if (taken.has(name)) continue;
    taken.add(name);
    named.push({ name, slot });
  }
  return [...numbered, ...named];
}

/** Single-quotes a word for bash, zsh and fish alike (`'` becomes `'\''`, which fish also reads). */
export function quoteWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The script for `shell`: one function per entry, each running `command run <slot> -- <its arguments>`.
 * `command` is the broker's own command line (absolute node and script paths), so the functions work
 * whatever PATH the shell has. In bash and zsh an alias of the same name (the old `alias claude1=…`) is
 * removed first: an alias would be expanded inside the definition and break it.
 */
export function renderShellInit(shell: Shell, functions: ShellFunction[], command: string[]): string {
  const run = command.map(quoteWord).join(' ');
  const lines = [
    `# Quota Broker: Claude Code on each slot (quota-broker shell-init ${shell}).`,
    shell === 'fish'
      ? '# Load it from ~/.config/fish/config.fish: quota-broker shell-init fish | source'
      : `# Load it from ~/.${shell}rc: eval "$(quota-broker shell-init ${shell})"`,
  ];
  if (functions.length === 0) lines.push('# No slots yet: quota-broker slots discover --add');
  for (const f of functions) {
    const slot = quoteWord(f.slot);
    if (shell === 'fish') {
      lines.push(
        `function ${f.name} --wraps claude --description ${quoteWord(`Claude Code on slot ${f.slot}`)}`,
        `    ${run} run ${slot} -- $argv`,
        'end',
      );
    } else {
      lines.push(`unalias ${f.name} 2>/dev/null`, `function ${f.name} { ${run} run ${slot} -- "$@"; }`);
    }
  }
  return `${lines.join('\n')}\n`;
}
