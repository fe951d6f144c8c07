/**
 * Black-box tests of Linux-only mechanisms (systemd units, notify-send, crontab layouts) run on Linux
 * only; on a Mac their counterparts (launchd plist, osascript) are tested with the platform injected.
 * On Linux nothing is skipped: `npm test` fails rather than skips there.
 */
export const ON_LINUX = process.platform === 'linux';
