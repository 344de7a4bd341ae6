import { describe, expect, it } from 'vitest';
import { instrumentPresetInfos } from '../../../src-main/service/instrumentPresets';
import { checkDraft, formList, formNumber, issuesAt, prettyJson, valueAt, withValue } from '../../../src-renderer/state/instrumentDraft';

describe('checkDraft(kind, text)', () => {
  it('names each bad field by its path with the shared schema’s message', () => {
    const text = JSON.stringify({ data: { kind: 'points', points: [[0], [1]] }, lambdas: { min: 2, max: 1, count: 2 }, estimator: { kind: 'monte-carlo', queries: 1 } });
    const check = checkDraft('dynamics', text);
    expect(check.ok).toBe(false);
    const issues = check.ok ? [] : check.issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['estimator.queries', 'lambdas.count', 'lambdas.max']);
    expect(issuesAt(issues, 'lambdas').map((i) => i.message).sort()).toEqual(['expected an integer ≥ 3', 'expected min < max']);
  });

  it('fills the defaults of a valid config, and reads broken JSON or a non-object as one issue at the root', () => {
    const ok = checkDraft('schedules', '{ "target": "binary" }');
    expect(ok.ok && ok.config['Ks']).toEqual([5, 10, 20, 50]);
    for (const text of ['{ "target": ', '[1, 2]', '"binary"']) {
      const bad = checkDraft('schedules', text);
      expect(!bad.ok && bad.issues.length === 1 && bad.issues[0]!.path, text).toBe('');
    }
    expect(checkDraft('likelihood', '{ "data": { "kind": "gmm", "components": [{ "weight": 1, "mean": [0], "std": 1 }] } }')).toMatchObject({ ok: false, issues: [{ path: 'data.kind' }] });
  });
});

describe('withValue(text, path, value) and the form readers', () => {
  it('sets one field, creates the objects on its way and keeps every other field', () => {
    const text = prettyJson({ name: 'x', lambdas: { min: -4, max: 6, count: 41 } });
    const next = withValue(text, 'lambdas.count', 81)!;
    expect(JSON.parse(next)).toEqual({ name: 'x', lambdas: { min: -4, max: 6, count: 81 } });
    expect(valueAt(JSON.parse(withValue(text, 'estimator.queries', 64)!), 'estimator.queries')).toBe(64);
    expect(withValue('{ "name": ', 'name', 'y')).toBeNull();
    expect(withValue('[1]', '0', 2)).toBeNull();
  });

  it('formNumber and formList keep what does not read as a number as text, so the schema names it', () => {
    expect([formNumber('81'), formNumber(' 1e-3 '), formNumber('8l'), formNumber('')]).toEqual([81, 1e-3, '8l', '']);
    expect(formList('5, 10,, x ,20')).toEqual([5, 10, 'x', 20]);
    const check = checkDraft('schedules', withValue('{ "target": "binary" }', 'Ks', formList('5, x'))!);
    expect(!check.ok && check.issues.map((i) => i.path)).toEqual(['Ks.1']);
  });

  it('prettyJson(x) parses back to x for every app preset and keeps short number arrays on one line', () => {
    for (const preset of instrumentPresetInfos()) expect(JSON.parse(prettyJson(preset.config)), preset.name).toEqual(preset.config);
    expect(prettyJson({ points: [[0, 1], [2, 3]] })).toBe('{\n  "points": [\n    [0, 1],\n    [2, 3]\n  ]\n}');
  });
});
