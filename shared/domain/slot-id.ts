/**
 * What a slot id may be — one rule for the registry (`accounts[].id`), the CLI, the statusline's
 * observation files and every UI operation's argument (IPC and HTTP alike): lowercase letters, digits
 * and dashes, 1 to 64 characters. The bound keeps an id a UI sends from being arbitrarily long; a
 * registry id longer than that could never be acted on from a UI, so the registry refuses it too.
 */

/** The longest slot id anything accepts. */
export const SLOT_ID_MAX_LENGTH = 64;

/** The one slot-id pattern. */
export const SLOT_ID_PATTERN = new RegExp(`^[a-z0-9-]{1,${SLOT_ID_MAX_LENGTH}}$`);

/** The rule in words, for error messages. */
export const SLOT_ID_RULE = `[a-z0-9-]+, at most ${SLOT_ID_MAX_LENGTH} characters`;
