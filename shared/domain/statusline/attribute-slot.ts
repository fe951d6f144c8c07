/**
 * Which slot a Claude Code session uses (docs/statusline.md): its `CLAUDE_CONFIG_DIR`, else the configured
 * slot whose config dir contains the session's transcript, else the default slot. Pure.
 */
import {
  getConfigDirOfTranscript,
  isInsideConfigDir,
  isSameConfigDir,
  normalizeConfigDir,
} from '../config-dir';

export interface SlotAttributionInput {
  /** `CLAUDE_CONFIG_DIR` inherited from Claude Code; empty or undefined when unset. */
  envConfigDir: string | undefined;
  /** `transcript_path` from the statusline stdin, when present. */
  transcriptPath: string | undefined;
  /** The cache's slots (only `config_dir` is read), or null without a usable cache. */
  slots: Record<string, { config_dir?: unknown; default_account?: unknown }> | null;
  /** The cache's recommended slot. */
  recommended: string | null;
  home: string;
}

export interface SlotAttribution {
  /** The slot id, or null when the session's account is not a configured slot (or there is no cache). */
  slotId: string | null;
  /** The session's config dir as far as it is known (keys observations of unknown slots). */
  configDir: string | null;
  by: 'env' | 'transcript' | 'default';
  /**
   * False when `slotId` is only a fallback guess (the recommended or first slot, while the session's
   * config dir is unknown or matches no slot): the session's own `rate_limits` must then not be
   * recorded as, or shown for, that slot.
   */
  certain: boolean;
}

/**
 * Decides the session's slot. An env var naming an unconfigured dir yields `slotId: null`, never another
 * account; the recommended/first-slot fallback is marked `certain: false`.
 */
export function getStatuslineSlot(input: SlotAttributionInput): SlotAttribution {
  const { envConfigDir, transcriptPath, slots, home } = input;
  const entries = Object.entries(slots ?? {}).flatMap(([id, s]) =>
    typeof s?.config_dir === 'string' ? [[id, s.config_dir] as const] : [],
  );
  if (envConfigDir) {
    const exact = entries.find(([, dir]) => dir === envConfigDir);
    const match = exact ?? entries.find(([, dir]) => isSameConfigDir(dir, envConfigDir, home));
    return { slotId: match?.[0] ?? null, configDir: envConfigDir, by: 'env', certain: true };
  }
  if (transcriptPath) {
    let best: readonly [string, string] | undefined;
    for (const entry of entries) {
      if (!isInsideConfigDir(transcriptPath, entry[1], home)) continue;
      // Nested config dirs: the longest (innermost) one owns the transcript.
      const longer =
        !best || normalizeConfigDir(entry[1], home).length > normalizeConfigDir(best[1], home).length;
      if (longer) best = entry;
    }
    if (best) return { slotId: best[0], configDir: best[1], by: 'transcript', certain: true };
  }
  // Claude Code without CLAUDE_CONFIG_DIR uses ~/.claude; a transcript elsewhere says otherwise.
  const defaultDir = `${home.replace(/\/+$/, '')}/.claude`;
  const sessionDir = (transcriptPath ? getConfigDirOfTranscript(transcriptPath) : null) ?? defaultDir;
  const sessionIsDefault = isSameConfigDir(sessionDir, defaultDir, home);
  // The slot marked as the default account wins; else the one whose dir is ~/.claude.
  const marked = Object.entries(slots ?? {}).find(([, s]) => s?.default_account === true);
  const defaultSlot =
    (marked && typeof marked[1].config_dir === 'string'
      ? ([marked[0], marked[1].config_dir] as const)
      : undefined) ?? entries.find(([, dir]) => isSameConfigDir(dir, defaultDir, home));
  if (defaultSlot) {
    const configDir = sessionIsDefault ? defaultSlot[1] : sessionDir;
    return { slotId: defaultSlot[0], configDir, by: 'default', certain: sessionIsDefault };
  }
  const fallback = entries.find(([id]) => id === input.recommended) ?? entries[0];
  if (fallback) return { slotId: fallback[0], configDir: sessionDir, by: 'default', certain: false };
  return { slotId: null, configDir: sessionDir, by: 'default', certain: true };
}
