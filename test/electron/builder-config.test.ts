/**
 * The electron-builder check that runs without Electron's zip: electron-builder 26's own config loader
 * and JSON-schema validation on electron-builder.yml, plus the settings the issue requires. What this
 * does not cover (a real `--mac` package, signing, fuse flipping) is listed in docs/electron.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util/out/DebugLogger');

// biome-ignore lint/suspicious/noExplicitAny: electron-builder's loaded config is untyped JSON here
type Config = Record<string, any>;
const load = async (): Promise<Config> => getConfig(root, join(root, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation is real: an unknown key fails it', async () => {
    const config = await load();
    config.mac.notAnOption = true;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration\.mac/);
  });

  it('builds dmg + zip for arm64 and x64 as a hardened, Dock-less app', async () => {
    const { mac } = await load();
    expect(mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.extendInfo.LSUIElement).toBe(true);
    expect(existsSync(join(root, mac.entitlements))).toBe(true);
    expect(readFileSync(join(root, mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    const icon = readFileSync(join(root, mac.icon));
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // PNG width: electron-builder needs ≥ 512 for .icns
  });

  it('sets the security fuses', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('ships the bundles only: no node_modules, so nothing native to rebuild or unpack', async () => {
    const config = await load();
    expect(config.files[0].filter).toEqual(
      expect.arrayContaining(['dist/electron/main.cjs', 'dist/electron/preload.cjs', '!node_modules/**']),
    );
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('has every tray template image at 1x and 2x', () => {
    for (const name of [
      'iconTemplate',
      'icon-staleTemplate',
      'icon-reloginTemplate',
      'icon-inactiveTemplate',
    ]) {
      expect(existsSync(join(root, 'build', 'tray', `${name}.png`)), name).toBe(true);
      expect(existsSync(join(root, 'build', 'tray', `${name}@2x.png`)), name).toBe(true);
    }
  });
});
