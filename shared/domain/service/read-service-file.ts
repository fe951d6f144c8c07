/**
 * Reads an installed unit or plist for what the doctor checks: where stdout and stderr go and which
 * command it runs. Any file is read, not only ours: a hand-written unit sending output to /dev/null is
 * exactly what must be found. Pure.
 */

export interface ServiceFileInfo {
  /** Output destination as written (`append:/x`, `journal`, `null`, a plist path), null when unset. */
  stdout: string | null;
  stderr: string | null;
  /** The command's arguments, unquoted. */
  args: string[];
}

/** True for an output destination that throws the output away (`null`, `/dev/null`, `append:/dev/null`, …). */
export function isDiscardedOutput(dest: string | null): boolean {
  return dest != null && /^(?:(?:append|file|truncate):)?\/dev\/null$|^null$/.test(dest.trim());
}

/** Splits an ExecStart value into arguments (double/single quotes, backslash escapes, prefixes dropped). */
export function splitExecStart(value: string): string[] {
  const args: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  const line = value.trim().replace(/^[-@:+!]+/, '');
  for (let m = re.exec(line); m; m = re.exec(line)) {
    args.push(m[1] != null ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  }
  return args.map((a) => a.replace(/%%/g, '%').replace(/\$\$/g, '$'));
}

/** A systemd unit: StandardError defaults to StandardOutput (inherit); no StandardOutput means the journal. */
export function readSystemdUnit(text: string): ServiceFileInfo {
  const get = (key: string): string | null => {
    let value: string | null = null;
    for (const line of text.split(/\r?\n/)) {
      const m = new RegExp(`^\\s*${key}\\s*=\\s*(.*?)\\s*$`).exec(line);
      if (m) value = m[1];
    }
    return value;
  };
  const stdout = get('StandardOutput');
  const stderrRaw = get('StandardError');
  const stderr = stderrRaw == null || stderrRaw === 'inherit' ? stdout : stderrRaw;
  const exec = get('ExecStart');
  return { stdout, stderr, args: exec ? splitExecStart(exec) : [] };
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A launchd plist: without StandardOutPath/StandardErrorPath launchd sends the output to /dev/null. */
export function readLaunchdPlist(text: string): ServiceFileInfo {
  const key = (k: string) => new RegExp(`<key>${k}</key>\\s*<string>([^<]*)</string>`).exec(text)?.[1];
  const stdout = key('StandardOutPath');
  const stderr = key('StandardErrorPath');
  const array = /<key>ProgramArguments<\/key>\s*<array>([\s\S]*?)<\/array>/.exec(text)?.[1] ?? '';
  const args = [...array.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => unescapeXml(m[1]));
  const program = key('Program');
  if (program && args.length === 0) args.push(unescapeXml(program));
  return {
    stdout: stdout != null ? unescapeXml(stdout) : '/dev/null',
    stderr: stderr != null ? unescapeXml(stderr) : '/dev/null',
    args,
  };
}
