import { describe, expect, it } from 'vitest';
import { getTransientInstallWarning } from '../../shared/domain/install-location';

describe('getTransientInstallWarning', () => {
  it('warns about a bin in npx’s cache, which npm may clear', () => {
    const bin = '/home/me/.npm/_npx/1a2b3c/node_modules/quota-broker/bin/quota-broker.cjs';
    expect(getTransientInstallWarning(bin)).toBe(
      `This quota-broker runs from npx's cache (${bin}), which npm may clear: install it with "npm install -g quota-broker" and run this again so the command keeps working.`,
    );
    expect(
      getTransientInstallWarning('C:\\Users\\me\\AppData\\Local\\npm-cache\\_npx\\1a\\x.cjs'),
    ).not.toBeNull();
  });

  it('says nothing for a global install or a checkout', () => {
    expect(
      getTransientInstallWarning('/usr/local/lib/node_modules/quota-broker/bin/quota-broker.cjs'),
    ).toBeNull();
    expect(getTransientInstallWarning('/home/me/src/quota-broker/bin/quota-broker.cjs')).toBeNull();
  });
});
