import { createEmpiricalForward } from '../../../src-shared/info/empiricalForward';
import { summarizeValues, type CurvePoint } from '../../../src-shared/info/curves';
import { empiricalSet, type EmpiricalSet } from '../../../src-shared/info/dataset';
import { gaussianTensorRule } from '../../../src-shared/info/quadrature';
import { quadratureQueries } from '../../../src-shared/info/queries';

/** The symmetric binary decision ±m in 1-D (spec tests T1, T2, CW). */
export const twoPoints = (m = 1): EmpiricalSet => empiricalSet(Float64Array.of(-m, m), 2, 1);

/** The 2-D five-point dataset of tests W1–W4, H1, H2. */
export const fivePoints = (): EmpiricalSet => empiricalSet(Float64Array.of(0, 0, 1, 0, 0, 2, -1.5, -1, 2, 2.5), 5, 2);

/** Exact (Gauss–Hermite) forward curves of a low-dimensional empirical dataset as a function of λ. */
export function exactCurve(set: EmpiricalSet, nodes: number, options: { traceCovSquared?: boolean } = {}): (lambda: number) => CurvePoint {
  const evaluator = createEmpiricalForward(set, quadratureQueries(set, gaussianTensorRule(set.dimension, nodes)), { weightFloor: 0, ...options });
  return (lambda) => summarizeValues(lambda, evaluator.evaluate(lambda), evaluator.queries);
}
