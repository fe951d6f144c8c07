/** `quota-broker statusline --help`. */

/** The help text (tokens as in docs/statusline.md). */
export function getStatuslineHelp(): string {
  return `Usage: quota-broker statusline [--segment] [--format FORMAT]
       quota-broker statusline --install [--force] | --uninstall [--config-dir DIR]

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

Colours: usage green below 70 %, amber below 90 %, red from 90 % (settings.statusline_color_thresholds);
stale numbers dimmed; off with NO_COLOR or settings.statusline_color: false.

Options:
  --segment          the form for a ccstatusline / claude-powerline custom command (docs/statusline.md),
                     default format "{label} {state} {weekly} {pace}{stale}"
  --format FORMAT    this format instead of settings.statusline_format
  --install          add the statusLine to DIR/settings.json (other settings are kept as they are);
                     it re-runs every 60 s (refreshInterval), so an idle session's line ages
  --force            with --install: replace a statusLine that is not Quota Broker's (saved for --uninstall)
  --uninstall        remove it again (and restore a statusLine that --force replaced)
  --config-dir DIR   Claude Code config dir (default: $CLAUDE_CONFIG_DIR, else ~/.claude)
  -h, --help         this text

Format: settings.statusline_format in claude-sessions.yaml, default
  "{label} {state} {five_hour} {weekly}{stale}"
Tokens: {label} {slot} {email} {state} {five_hour} {weekly} {stale} {age} {source}
        {pace} {pace_five_hour} {pace_weekly} (📅→64% on pace for 64 % at reset, ⏱out~14:20 runs out
        then, 📅→… collecting history; see docs/statusline.md).
`;
}
