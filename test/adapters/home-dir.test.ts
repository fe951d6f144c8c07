import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { getHomeDir } from '../../shared/adapters/home-dir';

describe('getHomeDir', () => {
  it('uses HOME when set, else the OS account’s home', () => {
    expect(getHomeDir({ HOME: '/home/someone' })).toBe('/home/someone');
    expect(getHomeDir({})).toBe(homedir());
  });
});
