/** `quota-broker statusline --help`. */

/** The help text (tokens as in docs/statusline.md). */
export function getStatuslineHelp(): string {
  return `Usage: quota-broker statusline [--install [--force] | --uninstall] [--config-dir DIR]

Prints one line for Claude Code's statusLine: the quota of the account the session uses
(its CLAUDE_CONFIG_DIR, else the slot whose config dir holds the transcript, else the default slot).
Reads Claude Code's JSON on stdin; reads only the cache, never the network. When the data is stale and
no broker is running it starts one background refresh (output in <state dir>/broker.log).

  Work ⏱:37%·2h 📅:27h(51%)@Tue🔺
  │    │        │               └ data older than stale_threshold_s
  │    │        └ weekly: whole hours to reset (utilisation %) @ reset weekday
  │    └ 5-hour window: utilisation · time to reset
  └ slot label
  States: ❌all-inactive ⛔login-dead ⛔no-login ⛔inactive ⏸disabled ⏳429 📴offline ❔unregistered ❔no-cache

Options:
  --install          add the statusLine to DIR/settings.json (other settings are kept as they are)
  --force            with --install: replace a statusLine that is not Quota Broker's (saved for --uninstall)
  --uninstall        remove it again (and restore a statusLine that --force replaced)
  --config-dir DIR   Claude Code config dir (default: $CLAUDE_CONFIG_DIR, else ~/.claude)
  -h, --help         this text

Format: settings.statusline_format in claude-sessions.yaml, default
  "{label} {state} {five_hour} {weekly}{stale}"
Tokens: {label} {slot} {email} {state} {five_hour} {weekly} {stale} {age} {source} (see docs/statusline.md).
`;
}
