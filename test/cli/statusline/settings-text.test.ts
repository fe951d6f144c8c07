import { describe, expect, it } from 'vitest';
import {
  detectIndent,
  removeTopLevelMember,
  setTopLevelMember,
} from '../../../shared/cli/statusline/settings-text';

const SL = { type: 'command', command: 'quota-broker statusline', padding: 0 };

describe('setTopLevelMember', () => {
  it('appends after the last member in the file’s 2-space style, other bytes untouched', () => {
    const text = '{\n  "model": "opus",\n  "permissions": { "allow": ["Bash(ls:*)", "Read"] }\n}\n';
    const out = setTopLevelMember(text, 'statusLine', SL);
    expect(out).toBe(
      '{\n  "model": "opus",\n  "permissions": { "allow": ["Bash(ls:*)", "Read"] },\n  "statusLine": {\n    "type": "command",\n    "command": "quota-broker statusline",\n    "padding": 0\n  }\n}\n',
    );
  });

  it('keeps tabs, CRLF and a missing trailing newline', () => {
    const text = '{\r\n\t"a": [1,2,3]\r\n}';
    const out = setTopLevelMember(text, 'statusLine', { type: 'command' });
    expect(out).toBe('{\r\n\t"a": [1,2,3],\r\n\t"statusLine": {\r\n\t\t"type": "command"\r\n\t}\r\n}');
  });

  it('replaces an existing value in place', () => {
    const text = '{\n    "statusLine": {"type":"command","command":"old"},\n    "z": 1\n}\n';
    const out = setTopLevelMember(text, 'statusLine', SL);
    expect(out).toBe(
      '{\n    "statusLine": {\n        "type": "command",\n        "command": "quota-broker statusline",\n        "padding": 0\n    },\n    "z": 1\n}\n',
    );
  });

  it('handles one-line files and empty objects', () => {
    expect(setTopLevelMember('{"a":1}', 'b', { c: 2 })).toBe('{"a":1,"b":{"c":2}}');
    expect(setTopLevelMember('{ "a": 1 }\n', 'b', 2)).toBe('{ "a": 1, "b": 2 }\n');
    expect(setTopLevelMember('{}\n', 'b', { c: 2 })).toBe('{\n  "b": {\n    "c": 2\n  }\n}\n');
  });

  it('is not fooled by braces and quotes inside strings', () => {
    const text = '{\n  "hooks": "}{\\"statusLine\\": 1,",\n  "x": {"statusLine": "nested"}\n}\n';
    const out = setTopLevelMember(text, 'statusLine', 1);
    expect(JSON.parse(out)).toEqual({
      hooks: '}{"statusLine": 1,',
      x: { statusLine: 'nested' },
      statusLine: 1,
    });
    expect(
      out.startsWith('{\n  "hooks": "}{\\"statusLine\\": 1,",\n  "x": {"statusLine": "nested"},\n'),
    ).toBe(true);
  });
});

describe('removeTopLevelMember', () => {
  it.each([
    ['last member', '{\n  "a": 1,\n  "statusLine": {"x": 1}\n}\n', '{\n  "a": 1\n}\n'],
    ['first member', '{\n  "statusLine": {"x": 1},\n  "a": 1\n}\n', '{\n  "a": 1\n}\n'],
    [
      'middle member',
      '{\n  "a": 1,\n  "statusLine": 2,\n  "b": [1, 2]\n}\n',
      '{\n  "a": 1,\n  "b": [1, 2]\n}\n',
    ],
    ['only member', '{\n  "statusLine": 2\n}\n', '{}\n'],
    ['absent', '{ "a" : 1 }', '{ "a" : 1 }'],
    ['one line', '{"a":1,"statusLine":2}', '{"a":1}'],
  ])('%s', (_name, text, expected) => {
    expect(removeTopLevelMember(text, 'statusLine')).toBe(expected);
  });

  it('install then uninstall gives the original bytes back', () => {
    const original = '{\n\t"env": {"A": "1"},\n\t"model": "sonnet"\n}\n';
    expect(removeTopLevelMember(setTopLevelMember(original, 'statusLine', SL), 'statusLine')).toBe(original);
  });
});

describe('detectIndent', () => {
  it.each([
    ['{\n  "a": 1\n}', '  '],
    ['{\n\t"a": 1\n}', '\t'],
    ['{\n    "a": 1\n}', '    '],
    ['{"a": 1}', ''],
    ['{}', '  '],
  ])('%j', (text, indent) => {
    expect(detectIndent(text)).toBe(indent);
  });
});
