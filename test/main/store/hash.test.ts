import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashConfig } from '../../../src-main/store/hash';

describe('canonicalJson(value)', () => {
  it('sorts keys at every depth by code unit, integer-like keys included, and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }], u: undefined })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}');
    expect(canonicalJson({ 10: 'x', 9: 'y', Z: 0, a: 1 })).toBe('{"10":"x","9":"y","Z":0,"a":1}');
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
  });

  it('agrees with Python json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) on nested data', () => {
    // python3 -c 'import json; print(json.dumps({"σ":[80,0.5],"steps":18,"nested":{"β":1e-4,"a":"δ"}}, sort_keys=True, separators=(",",":"), ensure_ascii=False))'
    expect(canonicalJson({ σ: [80, 0.5], steps: 18, nested: { β: 1e-4, a: 'δ' } })).toBe('{"nested":{"a":"δ","β":0.0001},"steps":18,"σ":[80,0.5]}');
  });
});

describe('hashConfig(config)', () => {
  it('is sha256 of the canonical JSON, so key order does not change it', () => {
    const config = { steps: 10, schedule: { rho: 7, kind: 'karras' } };
    expect(hashConfig(config)).toBe(createHash('sha256').update('{"schedule":{"kind":"karras","rho":7},"steps":10}').digest('hex'));
    expect(hashConfig({ schedule: { kind: 'karras', rho: 7 }, steps: 10 })).toBe(hashConfig(config));
    expect(hashConfig({ ...config, steps: 11 })).not.toBe(hashConfig(config));
  });
});
