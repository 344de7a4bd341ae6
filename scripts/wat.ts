import wabt from 'wabt';

/**
 * WebAssembly text → binary with wabt (SIMD and the other finished proposals enabled; relaxed SIMD
 * with `relaxedSimd`), validated.
 */
export async function compileWat(text: string, filename: string, options: { relaxedSimd?: boolean } = {}): Promise<Uint8Array> {
  const toolkit = await wabt();
  const module = toolkit.parseWat(filename, text, { relaxed_simd: options.relaxedSimd === true });
  try {
    module.validate();
    return module.toBinary({ log: false, canonicalize_lebs: true, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** End (exclusive) of the balanced s-expression that opens at text[start] === '('. */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced s-expression at ${start}`);
}

/** The s-expressions that follow `from` up to the closing parenthesis of their parent, as [start, end) pairs. */
function operands(text: string, from: number): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = from; text[i] !== ')'; i++) {
    if (text[i] !== '(') continue;
    const end = expressionEnd(text, i);
    found.push([i, end]);
    i = end - 1;
  }
  return found;
}

/** Returns 1 where f64x2.relaxed_madd rounds once (the machine fuses it), 0 where it rounds a·b first. */
const FUSION_PROBE = `
  ;; a·b + c with a = 1 + 2⁻⁵², b = 1 − 2⁻⁵², c = −1: −2⁻¹⁰⁴ fused, 0 when a·b is rounded to 1 first.
  (func (export "fusesMultiplyAdd") (param $a f64) (param $b f64) (param $c f64) (result i32)
    (f64.ne (f64x2.extract_lane 0 (f64x2.relaxed_madd (f64x2.splat (local.get $a)) (f64x2.splat (local.get $b)) (f64x2.splat (local.get $c)))) (f64.const 0)))
`;

/**
 * The module text with every `(f64x2.add c (f64x2.mul a b))` inside the named exported functions
 * rewritten as `(f64x2.relaxed_madd a b c)` (one rounding instead of two where the machine has FMA),
 * and an export `fusesMultiplyAdd(a, b, c)` that tells whether it does (call it with 1 + 2⁻⁵², 1 − 2⁻⁵²,
 * −1). Returns the text and how many multiply-adds were rewritten in each function; a named function
 * that is missing throws.
 *
 * @example
 * withFusedMultiplyAdds('(module (func (export "f") (local.set $a (f64x2.add (local.get $a) (f64x2.mul (local.get $x) (local.get $y))))))', ['f']).rewritten
 * // → { f: 1 }  (the text now holds (f64x2.relaxed_madd (local.get $x) (local.get $y) (local.get $a)))
 */
export function withFusedMultiplyAdds(text: string, functions: readonly string[]): { text: string; rewritten: Record<string, number> } {
  const rewritten: Record<string, number> = {};
  let out = text;
  for (const name of functions) {
    const head = out.indexOf(`(func (export "${name}")`);
    if (head < 0) throw new Error(`withFusedMultiplyAdds: no exported function ${name}`);
    const end = expressionEnd(out, head);
    let body = out.slice(head, end);
    let count = 0;
    for (let at = body.indexOf('(f64x2.add '); at >= 0; at = body.indexOf('(f64x2.add ', at + 1)) {
      const addOperands = operands(body, at + '(f64x2.add '.length);
      if (addOperands.length !== 2 || !body.startsWith('(f64x2.mul ', addOperands[1]![0])) continue;
      const [c, product] = addOperands as [[number, number], [number, number]];
      const mulOperands = operands(body, product[0] + '(f64x2.mul '.length);
      if (mulOperands.length !== 2) continue;
      const [a, b] = mulOperands as [[number, number], [number, number]];
      const fused = `(f64x2.relaxed_madd ${body.slice(...a)} ${body.slice(...b)} ${body.slice(...c)})`;
      body = body.slice(0, at) + fused + body.slice(expressionEnd(body, at));
      count++;
    }
    rewritten[name] = count;
    out = out.slice(0, head) + body + out.slice(end);
  }
  const close = out.lastIndexOf(')');
  return { text: out.slice(0, close) + FUSION_PROBE + out.slice(close), rewritten };
}
