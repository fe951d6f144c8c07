/** The per-slot check of Quota Broker's installed statusLine (docs/doctor.md `statusline_old_command`). Pure. */
import type { Finding, SlotFacts } from './types';

/**
 * A warning when the slot's config dir has our statusLine in its old form (docs/statusline.md "Install"):
 * it starts node with the session's NODE_EXTRA_CA_CERTS, so every update loads that file. Re-running
 * `statusline --install` upgrades it; nothing to say otherwise.
 */
export function getStatuslineFindings(slot: SlotFacts): Finding[] {
  if (!slot.statusline?.oldForm) return [];
  const dir = slot.statusline.configDir;
  return [
    {
      level: 'warn',
      scope: slot.id,
      code: 'statusline_old_command',
      message: `the statusLine in ${slot.statusline.settingsPath} is an older Quota Broker command: it starts node with NODE_EXTRA_CA_CERTS, which can make every update ~50–90 ms slower`,
      fix: `run: quota-broker statusline --install --config-dir ${/^[\w@%+=:,./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, `'\\''`)}'`}`,
    },
  ];
}
