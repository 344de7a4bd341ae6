;; Float64 hot loops of the CPU path, in WebAssembly: the same IEEE-754 operations in the same order
;; as their JavaScript originals (src-shared/math/rng.ts fillStandardNormal, src-shared/diffusion/
;; samplers/update.ts affineUpdate, src-shared/coarse/masses.ts measureImage, the write-back of
;; src-shared/coarse/projection.ts projectImageInPlace), so their results are identical bit for bit
;; (test/main/engine/wasm/f64Kernels.test.ts). Pointers are byte offsets into the exported memory;
;; the host (f64Kernels.ts) lays the arrays out. Compiled by scripts/buildWasm.mts into
;; f64KernelsBinary.ts.
(module
  (memory (export "memory") 1)
  ;; Ziggurat tables: x_0 … x_128 and r_i = x_{i+1}/x_i (rng.ts ZIG_X, ZIG_RATIO), set once by the host.
  (global $zigX (mut i32) (i32.const 0))
  (global $zigRatio (mut i32) (i32.const 0))

;; Constants of the loops below, in memory (bytes 2176 … 2608; the host keeps its arrays beyond): V8
  ;; rebuilds a v128.const or f64.const inside a loop on every iteration (2–4 instructions), a load from
  ;; here is one, and a local set from one stays in a register.
  (data (i32.const 2176) "\ff\ff\0f\00\00\00\00\00\ff\ff\0f\00\00\00\00\00") ;; $mantissa: i64x2 0xfffff 0xfffff
  (data (i32.const 2192) "\ff\ff\ff\ff\00\00\00\00\ff\ff\ff\ff\00\00\00\00") ;; $low: i64x2 0xffffffff 0xffffffff
  (data (i32.const 2208) "\00\00\00\00\00\00\f0\3f\00\00\00\00\00\00\f0\3f") ;; $one: f64x2 1 1
  (data (i32.const 2224) "\00\00\00\00\00\00\00\40\00\00\00\00\00\00\00\40") ;; $two: f64x2 2 2
  (data (i32.const 2240) "\00\00\10\00\00\00\00\00\00\00\10\00\00\00\00\00") ;; $tiny: i64x2 0x00100000 0x00100000
  (data (i32.const 2256) "\00\00\f0\7f\00\00\00\00\00\00\f0\7f\00\00\00\00") ;; $huge: i64x2 0x7ff00000 0x7ff00000
  (data (i32.const 2272) "\93\55\55\55\55\55\e5\3f\93\55\55\55\55\55\e5\3f") ;; $lg1: f64x2 6.666666666666735130e-01 6.666666666666735130e-01
  (data (i32.const 2288) "\04\fa\97\99\99\99\d9\3f\04\fa\97\99\99\99\d9\3f") ;; $lg2: f64x2 3.999999999940941908e-01 3.999999999940941908e-01
  (data (i32.const 2304) "\59\93\22\94\24\49\d2\3f\59\93\22\94\24\49\d2\3f") ;; $lg3: f64x2 2.857142874366239149e-01 2.857142874366239149e-01
  (data (i32.const 2320) "\af\78\8e\1d\c5\71\cc\3f\af\78\8e\1d\c5\71\cc\3f") ;; $lg4: f64x2 2.222219843214978396e-01 2.222219843214978396e-01
  (data (i32.const 2336) "\de\03\cb\96\64\46\c7\3f\de\03\cb\96\64\46\c7\3f") ;; $lg5: f64x2 1.818357216161805012e-01 1.818357216161805012e-01
  (data (i32.const 2352) "\9f\c6\78\d0\09\9a\c3\3f\9f\c6\78\d0\09\9a\c3\3f") ;; $lg6: f64x2 1.531383769920937332e-01 1.531383769920937332e-01
  (data (i32.const 2368) "\44\52\3e\df\12\f1\c2\3f\44\52\3e\df\12\f1\c2\3f") ;; $lg7: f64x2 1.479819860511658591e-01 1.479819860511658591e-01
  (data (i32.const 2384) "\00\00\e0\fe\42\2e\e6\3f\00\00\e0\fe\42\2e\e6\3f") ;; $ln2hi: f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01
  (data (i32.const 2400) "\76\3c\79\35\ef\39\ea\3d\76\3c\79\35\ef\39\ea\3d") ;; $ln2lo: f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10
  (data (i32.const 2416) "\00\00\00\00\00\00\38\43\00\00\00\00\00\00\38\43") ;; $magic: i64x2 0x4338000000000000 0x4338000000000000
  (data (i32.const 2432) "\02\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00") ;; $i2: i64x2 2 2
  (data (i32.const 2448) "\03\00\00\00\00\00\00\00\03\00\00\00\00\00\00\00") ;; $i3: i64x2 3 3
  (data (i32.const 2464) "\ff\03\00\00\00\00\00\00\ff\03\00\00\00\00\00\00") ;; $bias: i64x2 1023 1023
  (data (i32.const 2480) "\64\5f\09\00\00\00\00\00\64\5f\09\00\00\00\00\00") ;; $round: i64x2 0x95f64 0x95f64
  (data (i32.const 2496) "\00\00\10\00\00\00\00\00\00\00\10\00\00\00\00\00") ;; $bit20: i64x2 0x100000 0x100000
  (data (i32.const 2512) "\00\00\f0\3f\00\00\00\00\00\00\f0\3f\00\00\00\00") ;; $oneHigh: i64x2 0x3ff00000 0x3ff00000
  (data (i32.const 2528) "\00\00\00\00\00\00\38\43\00\00\00\00\00\00\38\43") ;; $magicF: f64x2 6755399441055744 6755399441055744
  (data (i32.const 2544) "\00\00\00\00\00\00\e0\3f\00\00\00\00\00\00\e0\3f") ;; $half: f64x2 0.5 0.5
  (data (i32.const 2560) "\7a\14\06\00\00\00\00\00\7a\14\06\00\00\00\00\00") ;; $lo6147a: i64x2 0x6147a 0x6147a
  (data (i32.const 2576) "\51\b8\06\00\00\00\00\00\51\b8\06\00\00\00\00\00") ;; $hi6b851: i64x2 0x6b851 0x6b851
  (data (i32.const 2592) "\00\00\00\00\00\00\f8\3f\00\00\00\00\00\00\f8\3f") ;; phiSum: a skipped pixel's argument: f64x2 1.5 1.5

  (func (export "setTables") (param $x i32) (param $ratio i32)
    (global.set $zigX (local.get $x))
    (global.set $zigRatio (local.get $ratio)))

;; ---- exp and log: ports of the FreeBSD msun (fdlibm) e_exp.c and e_log.c that V8's Math.exp and
  ;; Math.log are (src/base/ieee754.cc), the same operations in the same order, so their results are
  ;; identical bit for bit (f64Kernels.test.ts compares them with Math.exp and Math.log on millions of
  ;; inputs): the wedge and tail of the ziggurat need no call into JavaScript.

  ;; x with its high word replaced by hi.
  (func $withHigh (param $x f64) (param $hi i32) (result f64)
    (f64.reinterpret_i64 (i64.or (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))
      (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0xffffffff)))))

  (func $high (param $x f64) (result i32)
    (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))

  (func $log (export "log") (param $x f64) (result f64)
    (local $hx i32) (local $k i32) (local $i i32) (local $j i32)
    (local $f f64) (local $s f64) (local $z f64) (local $w f64) (local $r f64) (local $dk f64) (local $hfsq f64)
    (local.set $hx (call $high (local.get $x)))
    (if (i32.lt_s (local.get $hx) (i32.const 0x00100000))
      (then
        ;; log(±0) = −∞, log(x < 0) = NaN, subnormal x scaled by 2^54
        (if (i32.eqz (i32.or (i32.and (local.get $hx) (i32.const 0x7fffffff)) (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x)))))
          (then (return (f64.const -inf))))
        (if (i32.lt_s (local.get $hx) (i32.const 0))
          (then (return (f64.div (f64.sub (local.get $x) (local.get $x)) (f64.const 0)))))
        (local.set $k (i32.const -54))
        (local.set $x (f64.mul (local.get $x) (f64.const 18014398509481984)))
        (local.set $hx (call $high (local.get $x)))))
    (if (i32.ge_s (local.get $hx) (i32.const 0x7ff00000)) (then (return (f64.add (local.get $x) (local.get $x)))))
    (local.set $k (i32.add (local.get $k) (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023))))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x000fffff)))
    (local.set $i (i32.and (i32.add (local.get $hx) (i32.const 0x95f64)) (i32.const 0x100000)))
    ;; normalise x or x/2 into [√2/2, √2)
    (local.set $x (call $withHigh (local.get $x) (i32.or (local.get $hx) (i32.xor (local.get $i) (i32.const 0x3ff00000)))))
    (local.set $k (i32.add (local.get $k) (i32.shr_s (local.get $i) (i32.const 20))))
    (local.set $f (f64.sub (local.get $x) (f64.const 1)))
    (local.set $dk (f64.convert_i32_s (local.get $k)))
    (if (i32.lt_s (i32.and (i32.const 0x000fffff) (i32.add (i32.const 2) (local.get $hx))) (i32.const 3))
      (then
        ;; −2^-20 ≤ f < 2^-20
        (if (f64.eq (local.get $f) (f64.const 0))
          (then
            (if (i32.eqz (local.get $k)) (then (return (f64.const 0))))
            (return (f64.add (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01)) (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))))))
        (local.set $r (f64.mul (f64.mul (local.get $f) (local.get $f)) (f64.sub (f64.const 0.5) (f64.mul (f64.const 0.33333333333333333) (local.get $f)))))
        (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (local.get $r)))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
          (f64.sub (f64.sub (local.get $r) (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))) (local.get $f))))))
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $i (i32.sub (local.get $hx) (i32.const 0x6147a)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    (local.set $j (i32.sub (i32.const 0x6b851) (local.get $hx)))
    ;; R = t2 + t1, t1 = w(Lg2 + w(Lg4 + w·Lg6)), t2 = z(Lg1 + w(Lg3 + w(Lg5 + w·Lg7)))
    (local.set $r (f64.add
      (f64.mul (local.get $z) (f64.add (f64.const 6.666666666666735130e-01) (f64.mul (local.get $w)
        (f64.add (f64.const 2.857142874366239149e-01) (f64.mul (local.get $w)
          (f64.add (f64.const 1.818357216161805012e-01) (f64.mul (local.get $w) (f64.const 1.479819860511658591e-01))))))))
      (f64.mul (local.get $w) (f64.add (f64.const 3.999999999940941908e-01) (f64.mul (local.get $w)
        (f64.add (f64.const 2.222219843214978396e-01) (f64.mul (local.get $w) (f64.const 1.531383769920937332e-01))))))))
    (if (i32.gt_s (i32.or (local.get $i) (local.get $j)) (i32.const 0))
      (then
        (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
        (if (i32.eqz (local.get $k))
          (then (return (f64.sub (local.get $f) (f64.sub (local.get $hfsq) (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r))))))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
          (f64.sub (f64.sub (local.get $hfsq) (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r)))
            (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10)))) (local.get $f))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $f) (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $r)))))))
    (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
      (f64.sub (f64.sub (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $r))) (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))) (local.get $f))))

;; out[0 … n) = log(in[0 … n)), each the same operations as $log (so the same bits as Math.log; out
  ;; may be in). Two lanes at a time in f64x2 / i64x2 for a positive normal x whose reduced f is
  ;; outside [−2^-20, 2^-20); $log's formulas for k = 0 are its k ≠ 0 formulas with dk = +0 (0 − y = −y
  ;; and a − b = −(b − a) exactly in IEEE arithmetic), so only its i|j > 0 branch is a select. A pair
  ;; with another lane (0, negative, subnormal, ∞, NaN, f ≈ 0) goes through $log lane by lane, as does
  ;; an odd last element. The constants are loaded once per call into locals (named after their data
  ;; segments above), which V8 keeps in registers.
  (func $logs (export "logs") (param $n i32) (param $in i32) (param $out i32)
    (local $o i32) (local $pairs i32) (local $x v128)
    (local $hx v128) (local $hxm v128) (local $i v128) (local $k v128) (local $f v128) (local $s v128)
    (local $z v128) (local $w v128) (local $r v128) (local $dk v128) (local $hfsq v128)
    (local $mantissa v128) (local $low v128) (local $one v128) (local $two v128) (local $tiny v128) (local $huge v128)
    (local $lg1 v128) (local $lg2 v128) (local $lg3 v128) (local $lg4 v128) (local $lg5 v128) (local $lg6 v128) (local $lg7 v128)
    (local $ln2hi v128) (local $ln2lo v128) (local $magic v128)
    (local $i2 v128) (local $i3 v128) (local $bias v128) (local $round v128) (local $bit20 v128) (local $oneHigh v128) (local $magicF v128) (local $half v128) (local $lo6147a v128) (local $hi6b851 v128)
    (local.set $mantissa (v128.load offset=2176 (i32.const 0)))
    (local.set $low (v128.load offset=2192 (i32.const 0)))
    (local.set $one (v128.load offset=2208 (i32.const 0)))
    (local.set $two (v128.load offset=2224 (i32.const 0)))
    (local.set $tiny (v128.load offset=2240 (i32.const 0)))
    (local.set $huge (v128.load offset=2256 (i32.const 0)))
    (local.set $lg1 (v128.load offset=2272 (i32.const 0)))
    (local.set $lg2 (v128.load offset=2288 (i32.const 0)))
    (local.set $lg3 (v128.load offset=2304 (i32.const 0)))
    (local.set $lg4 (v128.load offset=2320 (i32.const 0)))
    (local.set $lg5 (v128.load offset=2336 (i32.const 0)))
    (local.set $lg6 (v128.load offset=2352 (i32.const 0)))
    (local.set $lg7 (v128.load offset=2368 (i32.const 0)))
    (local.set $ln2hi (v128.load offset=2384 (i32.const 0)))
    (local.set $ln2lo (v128.load offset=2400 (i32.const 0)))
    (local.set $magic (v128.load offset=2416 (i32.const 0)))
    (local.set $i2 (v128.load offset=2432 (i32.const 0)))
    (local.set $i3 (v128.load offset=2448 (i32.const 0)))
    (local.set $bias (v128.load offset=2464 (i32.const 0)))
    (local.set $round (v128.load offset=2480 (i32.const 0)))
    (local.set $bit20 (v128.load offset=2496 (i32.const 0)))
    (local.set $oneHigh (v128.load offset=2512 (i32.const 0)))
    (local.set $magicF (v128.load offset=2528 (i32.const 0)))
    (local.set $half (v128.load offset=2544 (i32.const 0)))
    (local.set $lo6147a (v128.load offset=2560 (i32.const 0)))
    (local.set $hi6b851 (v128.load offset=2576 (i32.const 0)))
    (local.set $pairs (i32.shl (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $o) (local.get $pairs)))
        (local.set $x (v128.load (i32.add (local.get $in) (local.get $o))))
        (local.set $hx (i64x2.shr_u (local.get $x) (i32.const 32)))
        (local.set $hxm (v128.and (local.get $hx) (local.get $mantissa)))
        (block $common
          (br_if $common (i32.eqz (v128.any_true (v128.or
            (v128.or (i64x2.lt_s (local.get $hx) (local.get $tiny)) (i64x2.ge_s (local.get $hx) (local.get $huge)))
            (i64x2.lt_s (v128.and (i64x2.add (local.get $hxm) (local.get $i2)) (local.get $mantissa)) (local.get $i3))))))
          (f64.store (i32.add (local.get $out) (local.get $o)) (call $log (f64x2.extract_lane 0 (local.get $x))))
          (f64.store offset=8 (i32.add (local.get $out) (local.get $o)) (call $log (f64x2.extract_lane 1 (local.get $x))))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (br $pair))
        (local.set $k (i64x2.sub (i64x2.shr_u (local.get $hx) (i32.const 20)) (local.get $bias)))
        (local.set $i (v128.and (i64x2.add (local.get $hxm) (local.get $round)) (local.get $bit20)))
        ;; normalise x or x/2 into [√2/2, √2)
        (local.set $f (f64x2.sub
          (v128.or (i64x2.shl (v128.or (local.get $hxm) (v128.xor (local.get $i) (local.get $oneHigh))) (i32.const 32))
                   (v128.and (local.get $x) (local.get $low)))
          (local.get $one)))
        (local.set $k (i64x2.add (local.get $k) (i64x2.shr_u (local.get $i) (i32.const 20))))
        ;; dk = k exactly: the bits of 1.5·2^52 + k, minus 1.5·2^52 (|k| < 2^51)
        (local.set $dk (f64x2.sub (i64x2.add (local.get $k) (local.get $magic)) (local.get $magicF)))
        (local.set $s (f64x2.div (local.get $f) (f64x2.add (local.get $two) (local.get $f))))
        (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
        (local.set $w (f64x2.mul (local.get $z) (local.get $z)))
        ;; R = t2 + t1, t1 = w(Lg2 + w(Lg4 + w·Lg6)), t2 = z(Lg1 + w(Lg3 + w(Lg5 + w·Lg7)))
        (local.set $r (f64x2.add
          (f64x2.mul (local.get $z) (f64x2.add (local.get $lg1) (f64x2.mul (local.get $w)
            (f64x2.add (local.get $lg3) (f64x2.mul (local.get $w) (f64x2.add (local.get $lg5) (f64x2.mul (local.get $w) (local.get $lg7))))))))
          (f64x2.mul (local.get $w) (f64x2.add (local.get $lg2) (f64x2.mul (local.get $w) (f64x2.add (local.get $lg4) (f64x2.mul (local.get $w) (local.get $lg6))))))))
        (local.set $hfsq (f64x2.mul (f64x2.mul (local.get $half) (local.get $f)) (local.get $f)))
        (v128.store (i32.add (local.get $out) (local.get $o)) (v128.bitselect
          ;; i|j > 0: dk·ln2_hi − ((hfsq − (s·(hfsq + R) + dk·ln2_lo)) − f)
          (f64x2.sub (f64x2.mul (local.get $dk) (local.get $ln2hi))
            (f64x2.sub (f64x2.sub (local.get $hfsq) (f64x2.add (f64x2.mul (local.get $s) (f64x2.add (local.get $hfsq) (local.get $r)))
              (f64x2.mul (local.get $dk) (local.get $ln2lo)))) (local.get $f)))
          ;; else: dk·ln2_hi − ((s·(f − R) − dk·ln2_lo) − f)
          (f64x2.sub (f64x2.mul (local.get $dk) (local.get $ln2hi))
            (f64x2.sub (f64x2.sub (f64x2.mul (local.get $s) (f64x2.sub (local.get $f) (local.get $r))) (f64x2.mul (local.get $dk) (local.get $ln2lo))) (local.get $f)))
          (i64x2.gt_s (v128.or (i64x2.sub (local.get $hxm) (local.get $lo6147a)) (i64x2.sub (local.get $hi6b851) (local.get $hxm)))
            (v128.const i64x2 0 0))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (i32.add (local.get $out) (local.get $o)) (call $log (f64.load (i32.add (local.get $in) (local.get $o))))))))

  ;; potentials.ts weightedPhi: Σ_i u_i·log((u_i·counts[k]) / sums[k]), k = lab[i], over the i with
  ;; !(u_i ≤ 0), added in pixel order. The arguments go into tmp (n float64), two pixels per f64x2
  ;; operation, then through $logs in place; a skipped pixel takes the argument 1.5 (a common-case input
  ;; of $logs) and adds +0, which leaves the sum unchanged bit for bit (the sum starts at +0 and no term
  ;; is −0: u_i > 0, and $log returns +0, never −0, for 1).
  (func (export "phiSum") (param $n i32) (param $u i32) (param $lab i32) (param $counts i32) (param $sums i32) (param $tmp i32) (result f64)
    (local $i i32) (local $o i32) (local $k0 i32) (local $k1 i32) (local $uv v128) (local $t v128) (local $sum f64)
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $uv (v128.load (i32.add (local.get $u) (local.get $o))))
        (local.set $k0 (i32.shl (i32.load (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
        (local.set $k1 (i32.shl (i32.load offset=4 (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
        (v128.store (i32.add (local.get $tmp) (local.get $o)) (v128.bitselect
          (v128.load offset=2592 (i32.const 0))
          (f64x2.div
            (f64x2.mul (local.get $uv)
              (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (i32.load (i32.add (local.get $counts) (local.get $k0)))))
                (f64.convert_i32_s (i32.load (i32.add (local.get $counts) (local.get $k1))))))
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $sums) (i32.shl (local.get $k0) (i32.const 1)))))
              (f64.load (i32.add (local.get $sums) (i32.shl (local.get $k1) (i32.const 1))))))
          (f64x2.le (local.get $uv) (v128.const f64x2 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pair)))
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $k0 (i32.shl (i32.load (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
        (f64.store (i32.add (local.get $tmp) (local.get $o))
          (select (f64.const 1.5)
            (f64.div (f64.mul (f64.load (i32.add (local.get $u) (local.get $o))) (f64.convert_i32_s (i32.load (i32.add (local.get $counts) (local.get $k0)))))
              (f64.load (i32.add (local.get $sums) (i32.shl (local.get $k0) (i32.const 1)))))
            (f64.le (f64.load (i32.add (local.get $u) (local.get $o))) (f64.const 0))))))
    (call $logs (local.get $n) (local.get $tmp) (local.get $tmp))
    (local.set $i (i32.const 0))
    (block $summed
      (loop $pair
        (br_if $summed (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $uv (v128.load (i32.add (local.get $u) (local.get $o))))
        (local.set $t (v128.andnot
          (f64x2.mul (local.get $uv) (v128.load (i32.add (local.get $tmp) (local.get $o))))
          (f64x2.le (local.get $uv) (v128.const f64x2 0 0))))
        (local.set $sum (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $t))) (f64x2.extract_lane 1 (local.get $t))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pair)))
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (if (i32.eqz (f64.le (f64.load (i32.add (local.get $u) (local.get $o))) (f64.const 0)))
          (then (local.set $sum (f64.add (local.get $sum)
            (f64.mul (f64.load (i32.add (local.get $u) (local.get $o))) (f64.load (i32.add (local.get $tmp) (local.get $o))))))))))
    (local.get $sum))

  (func $exp (export "exp") (param $x f64) (result f64)
    (local $hx i32) (local $xsb i32) (local $k i32) (local $hi f64) (local $lo f64) (local $t f64) (local $c f64) (local $y f64) (local $twopk f64)
    (local.set $hx (call $high (local.get $x)))
    (local.set $xsb (i32.shr_u (local.get $hx) (i32.const 31)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42))
      (then
        ;; |x| ≥ 709.78…: NaN, exp(±∞) = {∞, 0}, overflow, underflow
        (if (i32.ge_u (local.get $hx) (i32.const 0x7ff00000))
          (then
            (if (i32.or (i32.and (local.get $hx) (i32.const 0xfffff)) (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x))))
              (then (return (f64.add (local.get $x) (local.get $x)))))
            (return (select (local.get $x) (f64.const 0) (i32.eqz (local.get $xsb))))))
        (if (f64.gt (local.get $x) (f64.const 7.09782712893383973096e+02)) (then (return (f64.const inf))))
        (if (f64.lt (local.get $x) (f64.const -7.45133219101941108420e+02)) (then (return (f64.const 0))))))
    (if (i32.gt_u (local.get $hx) (i32.const 0x3fd62e42))
      (then
        ;; argument reduction x = k·ln2 + r, |r| ≤ ½ln2
        (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
          (then
            (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 2.718281828459045))))
            (local.set $hi (f64.sub (local.get $x) (select (f64.const -6.93147180369123816490e-01) (f64.const 6.93147180369123816490e-01) (local.get $xsb))))
            (local.set $lo (select (f64.const -1.90821492927058770002e-10) (f64.const 1.90821492927058770002e-10) (local.get $xsb)))
            (local.set $k (i32.sub (i32.sub (i32.const 1) (local.get $xsb)) (local.get $xsb))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add (f64.mul (f64.const 1.44269504088896338700e+00) (local.get $x))
              (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 6.93147180369123816490e-01))))
            (local.set $lo (f64.mul (local.get $t) (f64.const 1.90821492927058770002e-10)))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo))))
      (else
        ;; |x| < 2^-28: 1 + x
        (if (i32.lt_u (local.get $hx) (i32.const 0x3e300000)) (then (return (f64.add (f64.const 1) (local.get $x)))))))
    (local.set $twopk (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3ff00000)
      (i32.shl (select (local.get $k) (i32.add (local.get $k) (i32.const 1000)) (i32.ge_s (local.get $k) (i32.const -1021))) (i32.const 20)))) (i64.const 32))))
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    (local.set $c (f64.sub (local.get $x) (f64.mul (local.get $t)
      (f64.add (f64.const 1.66666666666666019037e-01) (f64.mul (local.get $t)
        (f64.add (f64.const -2.77777777770155933842e-03) (f64.mul (local.get $t)
          (f64.add (f64.const 6.61375632143793436117e-05) (f64.mul (local.get $t)
            (f64.add (f64.const -1.65339022054652515390e-06) (f64.mul (local.get $t) (f64.const 4.13813679705723846039e-08))))))))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (f64.const 1) (f64.sub (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (local.get $c) (f64.const 2))) (local.get $x))))))
    (local.set $y (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo) (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c)))) (local.get $hi))))
    (if (i32.ge_s (local.get $k) (i32.const -1021))
      (then
        (if (i32.eq (local.get $k) (i32.const 1024)) (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 8.98846567431158e307)))))
        (return (f64.mul (local.get $y) (local.get $twopk)))))
    (f64.mul (f64.mul (local.get $y) (local.get $twopk)) (f64.const 9.33263618503218878990e-302)))

  ;; ---- The normal generator of src-shared/math/rng.ts: xoshiro128** (state s0…s3) and the ziggurat.

  (global $s0 (mut i32) (i32.const 0))
  (global $s1 (mut i32) (i32.const 0))
  (global $s2 (mut i32) (i32.const 0))
  (global $s3 (mut i32) (i32.const 0))
  ;; The 11 bits of the last uniform53 not used by its value (AddressStream.spare).
  (global $spare (mut i32) (i32.const 0))

;; rng.ts AddressStream's seeding: the Philox4x32-10 block at counter (c0, c1, c2, c3) under key
  ;; (k0, k1) as the xoshiro128** state at out (4 × i32); the all-zero state (one counter in 2^128)
  ;; becomes s0 = 1. The high words of the 32 × 32-bit products come from one i64 multiplication.
  (func (export "philoxState") (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32) (param $k0 i32) (param $k1 i32) (param $out i32)
    (local $round i32) (local $p0 i64) (local $p1 i64) (local $x0 i32) (local $x2 i32)
    (loop $rounds
      (local.set $p0 (i64.mul (i64.const 0xd2511f53) (i64.extend_i32_u (local.get $c0))))
      (local.set $p1 (i64.mul (i64.const 0xcd9e8d57) (i64.extend_i32_u (local.get $c2))))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1)) (local.get $k0)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $c3)) (local.get $k1)))
      (local.set $c1 (i32.wrap_i64 (local.get $p1)))
      (local.set $c3 (i32.wrap_i64 (local.get $p0)))
      (local.set $c0 (local.get $x0))
      (local.set $c2 (local.get $x2))
      (local.set $k0 (i32.add (local.get $k0) (i32.const 0x9e3779b9)))
      (local.set $k1 (i32.add (local.get $k1) (i32.const 0xbb67ae85)))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $round) (i32.const 10))))
    (i32.store (local.get $out) (select (local.get $c0) (i32.const 1) (i32.or (i32.or (local.get $c0) (local.get $c1)) (i32.or (local.get $c2) (local.get $c3)))))
    (i32.store offset=4 (local.get $out) (local.get $c1))
    (i32.store offset=8 (local.get $out) (local.get $c2))
    (i32.store offset=12 (local.get $out) (local.get $c3)))

  ;; xoshiro128** next(): rotl(s1·5, 7)·9, then the state update.
  (func $next (result i32)
    (local $r i32) (local $t i32)
    (local.set $r (i32.mul (i32.rotl (i32.mul (global.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
    (local.set $t (i32.shl (global.get $s1) (i32.const 9)))
    (global.set $s2 (i32.xor (global.get $s2) (global.get $s0)))
    (global.set $s3 (i32.xor (global.get $s3) (global.get $s1)))
    (global.set $s1 (i32.xor (global.get $s1) (global.get $s2)))
    (global.set $s0 (i32.xor (global.get $s0) (global.get $s3)))
    (global.set $s2 (i32.xor (global.get $s2) (local.get $t)))
    (global.set $s3 (i32.rotl (global.get $s3) (i32.const 11)))
    (local.get $r))

  ;; AddressStream.nextUniform53: (k + ½)·2^-53 from two outputs a, b, k = (a >>> 5)·2^26 + (b >>> 6).
  (func $uniform53 (result f64)
    (local $a i32) (local $b i32)
    (local.set $a (call $next))
    (local.set $b (call $next))
    (global.set $spare (i32.or (i32.and (local.get $a) (i32.const 0x1f)) (i32.shl (i32.and (local.get $b) (i32.const 0x3f)) (i32.const 5))))
    (f64.mul
      (f64.add
        (f64.add
          (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $a) (i32.const 5))) (f64.const 67108864))
          (f64.convert_i32_u (i32.shr_u (local.get $b) (i32.const 6))))
        (f64.const 0.5))
      (f64.const 1.1102230246251565e-16)))

  ;; rng.ts normalTail: x = ln(U₁)/R, y = ln(U₂) until −2y ≥ x²; ±(R − x).
  (func $tail (param $negative i32) (result f64)
    (local $x f64) (local $y f64)
    (loop $retry
      (local.set $x (f64.div (call $log (call $uniform53)) (f64.const 3.442619855899)))
      (local.set $y (call $log (call $uniform53)))
      (br_if $retry (i32.eqz (f64.ge (f64.mul (f64.const -2) (local.get $y)) (f64.mul (local.get $x) (local.get $x))))))
    (select (f64.sub (local.get $x) (f64.const 3.442619855899)) (f64.sub (f64.const 3.442619855899) (local.get $x)) (local.get $negative)))

  ;; rng.ts zigguratRejected: a draw outside layer i's rectangle, finished by the wedge test or the tail.
  (func $rejected (param $u f64) (param $i i32) (result f64)
    (local $x f64) (local $xi f64) (local $xnext f64) (local $f0 f64) (local $f1 f64)
    (loop $retry
      (if (i32.eqz (local.get $i)) (then (return (call $tail (f64.lt (local.get $u) (f64.const 0))))))
      (local.set $xi (f64.load (i32.add (global.get $zigX) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $xnext (f64.load offset=8 (i32.add (global.get $zigX) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $x (f64.mul (local.get $u) (local.get $xi)))
      (local.set $f0 (call $exp (f64.mul (f64.const -0.5) (f64.sub (f64.mul (local.get $xi) (local.get $xi)) (f64.mul (local.get $x) (local.get $x))))))
      (local.set $f1 (call $exp (f64.mul (f64.const -0.5) (f64.sub (f64.mul (local.get $xnext) (local.get $xnext)) (f64.mul (local.get $x) (local.get $x))))))
      (if (f64.lt (f64.add (local.get $f1) (f64.mul (call $uniform53) (f64.sub (local.get $f0) (local.get $f1)))) (f64.const 1))
        (then (return (local.get $x))))
      (local.set $u (f64.sub (f64.mul (f64.const 2) (call $uniform53)) (f64.const 1)))
      (local.set $i (i32.and (global.get $spare) (i32.const 127)))
      (if (f64.lt (f64.abs (local.get $u)) (f64.load (i32.add (global.get $zigRatio) (i32.shl (local.get $i) (i32.const 3)))))
        (then (return (f64.mul (local.get $u) (f64.load (i32.add (global.get $zigX) (i32.shl (local.get $i) (i32.const 3))))))))
      (br $retry))
    (unreachable))

  ;; Standard normals out[0 … n) from the xoshiro128** state s0…s3 at st (4 × i32), written back
  ;; there: the ziggurat's fast path (|u| < r_i: u·x_i) inline on local state, a draw outside layer
  ;; i's rectangle (1.2%) finished by $rejected on the global state. u = 2·((k + ½)·2^-53) − 1 of rng.ts
  ;; is formed as fl(2k + 1)·2^-53 − 1: fl(k + ½) = fl(2k + 1)/2 (halving is exact, and the conversion
  ;; rounds as the addition does), and the scalings by 2^-53 and 2 are exact. The tables are read at
  ;; their fixed offsets (TABLE_X = 64, TABLE_RATIO = 1096 in f64Kernels.ts), with no base register.
  (func (export "normals") (param $out i32) (param $n i32) (param $st i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32)
    (local $a i32) (local $b i32) (local $end i32) (local $i i32) (local $u f64)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=4 (local.get $st)))
    (local.set $s2 (i32.load offset=8 (local.get $st)))
    (local.set $s3 (i32.load offset=12 (local.get $st)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    ;; The fast path loops without a call in its body (a call would make every live value spill);
    ;; a rejected draw leaves it, is finished on the global state, and the loop is entered again.
    (block $done
      (loop $resume
        (block $rejectedDraw
          (loop $draw
            (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $a (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $b (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        ;; u from 2k + 1 = (a >>> 5)·2^27 + (b >>> 6)·2 + 1 < 2^54 (signed conversion: one instruction);
        ;; layer i = (a & 31) | ((b & 3) << 5)
        (local.set $u
          (f64.sub
            (f64.mul
              (f64.convert_i64_s (i64.or (i64.or (i64.shl (i64.extend_i32_u (i32.shr_u (local.get $a) (i32.const 5))) (i64.const 27))
                (i64.extend_i32_u (i32.shl (i32.shr_u (local.get $b) (i32.const 6)) (i32.const 1)))) (i64.const 1)))
              (f64.const 1.1102230246251565e-16))
            (f64.const 1)))
        (local.set $i (i32.or (i32.shl (i32.and (local.get $a) (i32.const 31)) (i32.const 3)) (i32.shl (i32.and (local.get $b) (i32.const 3)) (i32.const 8))))
            (br_if $rejectedDraw (i32.eqz (f64.lt (f64.abs (local.get $u)) (f64.load offset=1096 (local.get $i)))))
            (f64.store (local.get $out) (f64.mul (local.get $u) (f64.load offset=64 (local.get $i))))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))
            (br $draw)))
        (global.set $s0 (local.get $s0))
        (global.set $s1 (local.get $s1))
        (global.set $s2 (local.get $s2))
        (global.set $s3 (local.get $s3))
        (f64.store (local.get $out) (call $rejected (local.get $u) (i32.shr_u (local.get $i) (i32.const 3))))
        (local.set $s0 (global.get $s0))
        (local.set $s1 (global.get $s1))
        (local.set $s2 (global.get $s2))
        (local.set $s3 (global.get $s3))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $resume)))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=4 (local.get $st) (local.get $s1))
    (i32.store offset=8 (local.get $st) (local.get $s2))
    (i32.store offset=12 (local.get $st) (local.get $s3)))

  ;; out[k] = d[k] + keep·(x[k] − d[k]) + scale·z[k]; without noise (noisy = 0) the last term is absent.
  ;; Two pixels per f64x2 operation (each lane the same IEEE operations as the scalar form), an odd
  ;; last pixel in scalar.
  (func (export "affine") (param $n i32) (param $x i32) (param $d i32) (param $z i32) (param $out i32) (param $keep f64) (param $scale f64) (param $noisy i32)
    (local $o i32) (local $pairs i32) (local $dv v128) (local $v v128) (local $keep2 v128) (local $scale2 v128) (local $ds f64) (local $s f64)
    (local.set $pairs (i32.shl (i32.shr_u (local.get $n) (i32.const 1)) (i32.const 4)))
    (local.set $keep2 (f64x2.splat (local.get $keep)))
    (local.set $scale2 (f64x2.splat (local.get $scale)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $o) (local.get $pairs)))
        (local.set $dv (v128.load (i32.add (local.get $d) (local.get $o))))
        (local.set $v (f64x2.add (local.get $dv)
          (f64x2.mul (local.get $keep2) (f64x2.sub (v128.load (i32.add (local.get $x) (local.get $o))) (local.get $dv)))))
        (if (local.get $noisy)
          (then (local.set $v (f64x2.add (local.get $v) (f64x2.mul (local.get $scale2) (v128.load (i32.add (local.get $z) (local.get $o))))))))
        (v128.store (i32.add (local.get $out) (local.get $o)) (local.get $v))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $ds (f64.load (i32.add (local.get $d) (local.get $o))))
        (local.set $s (f64.add (local.get $ds)
          (f64.mul (local.get $keep) (f64.sub (f64.load (i32.add (local.get $x) (local.get $o))) (local.get $ds)))))
        (if (local.get $noisy)
          (then (local.set $s (f64.add (local.get $s) (f64.mul (local.get $scale) (f64.load (i32.add (local.get $z) (local.get $o))))))))
        (f64.store (i32.add (local.get $out) (local.get $o)) (local.get $s)))))

  ;; Clip-mode block sums m[k] = Σ_{i ∈ B_k, !(x_i ≤ 0)} x_i in pixel order; returns 1 when every x_i
  ;; is finite, else 0. Block k's running sum is kept in $acc while the pixels stay in block k (runs
  ;; along a row of a grid) and stored when the block changes: the same additions in the same order.
  ;; A pixel adds v masked by !(v <= 0) (its bits and-ed with 0 or all ones: no branch, which a random
  ;; sign would mispredict): +0 for v <= 0, which leaves a sum that starts at +0 unchanged bit for bit,
  ;; and NaN for NaN, as measureImage admits it.
  (func $clipSums (export "clipSums") (param $n i32) (param $x i32) (param $lab i32) (param $m i32) (param $K i32) (result i32)
    (local $i i32) (local $k i32) (local $v f64) (local $cur i32) (local $acc f64) (local $bad f64)
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_u (local.get $k) (local.get $K)))
        (f64.store (i32.add (local.get $m) (i32.shl (local.get $k) (i32.const 3))) (f64.const 0))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $clear)))
    (block $summed
      (loop $pixel
        (br_if $summed (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $k (i32.load (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.ne (local.get $k) (local.get $cur))
          (then
            (f64.store (i32.add (local.get $m) (i32.shl (local.get $cur) (i32.const 3))) (local.get $acc))
            (local.set $cur (local.get $k))
            (local.set $acc (f64.load (i32.add (local.get $m) (i32.shl (local.get $k) (i32.const 3)))))))
        (local.set $acc (f64.add (local.get $acc) (f64.reinterpret_i64 (i64.and (i64.reinterpret_f64 (local.get $v))
          (i64.sub (i64.const 0) (i64.extend_i32_u (i32.eqz (f64.le (local.get $v) (f64.const 0)))))))))
        ;; v − v is 0 for a finite v, NaN for ±∞ and NaN
        (local.set $bad (f64.add (local.get $bad) (f64.sub (local.get $v) (local.get $v))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pixel)))
    (if (i32.gt_u (local.get $n) (i32.const 0))
      (then (f64.store (i32.add (local.get $m) (i32.shl (local.get $cur) (i32.const 3))) (local.get $acc))))
    (f64.eq (local.get $bad) (f64.const 0)))

  ;; m[k] ← m[k] / Z with Z = Σ_k m[k] (in k order), returned.
  (func $normalise (param $m i32) (param $K i32) (result f64)
    (local $k i32) (local $z f64) (local $p i32)
    (block $totalled
      (loop $total
        (br_if $totalled (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $z (f64.add (local.get $z) (f64.load (i32.add (local.get $m) (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $total)))
    (local.set $k (i32.const 0))
    (block $normalised
      (loop $each
        (br_if $normalised (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $p (i32.add (local.get $m) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store (local.get $p) (f64.div (f64.load (local.get $p)) (local.get $z)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (local.get $z))

  ;; Clip-mode block masses: m[k] = Σ_{i ∈ B_k, !(x_i ≤ 0)} x_i / Z, Z = Σ_k of those sums (returned).
  (func (export "measure") (param $n i32) (param $x i32) (param $lab i32) (param $m i32) (param $K i32) (result f64)
    (drop (call $clipSums (local.get $n) (local.get $x) (local.get $lab) (local.get $m) (local.get $K)))
    (call $normalise (local.get $m) (local.get $K)))

;; The run-length form of a label map, for the loops below: nRuns triples (start, end, k) of i32 at
  ;; runs, in pixel order, each a maximal range [start, end) of pixels with label k (a row of a grid
  ;; block is one run). Within a run the block's parameters stay in registers and two pixels go through
  ;; each f64x2 operation (an unaligned pair is fine); sums still add one pixel at a time, in pixel order.

  ;; The projection's write-back (projection.ts writeBack) over runs: x_i ↦ x_i·scale_k + fill_k in place;
  ;; returns Σ_i (after − before)² in pixel order.
  (func $writeBackRuns (export "writeBackRuns") (param $nRuns i32) (param $runs i32) (param $x i32) (param $scale i32) (param $fill i32) (result f64)
    (local $r i32) (local $p i32) (local $end i32) (local $pairEnd i32) (local $k i32)
    (local $sc v128) (local $fl v128) (local $before v128) (local $d v128) (local $b f64) (local $a f64) (local $sumSq f64)
    (block $done
      (loop $run
        (br_if $done (i32.ge_u (local.get $r) (local.get $nRuns)))
        (local.set $p (i32.add (local.get $x) (i32.shl (i32.load (local.get $runs)) (i32.const 3))))
        (local.set $end (i32.add (local.get $x) (i32.shl (i32.load offset=4 (local.get $runs)) (i32.const 3))))
        (local.set $k (i32.shl (i32.load offset=8 (local.get $runs)) (i32.const 3)))
        (local.set $sc (f64x2.splat (f64.load (i32.add (local.get $scale) (local.get $k)))))
        (local.set $fl (f64x2.splat (f64.load (i32.add (local.get $fill) (local.get $k)))))
        (local.set $pairEnd (i32.sub (local.get $end) (i32.const 8)))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $pairEnd)))
            (local.set $before (v128.load (local.get $p)))
            (local.set $d (f64x2.add (f64x2.mul (local.get $before) (local.get $sc)) (local.get $fl)))
            (v128.store (local.get $p) (local.get $d))
            (local.set $d (f64x2.sub (local.get $d) (local.get $before)))
            (local.set $d (f64x2.mul (local.get $d) (local.get $d)))
            (local.set $sumSq (f64.add (f64.add (local.get $sumSq) (f64x2.extract_lane 0 (local.get $d))) (f64x2.extract_lane 1 (local.get $d))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $pair)))
        (if (i32.lt_u (local.get $p) (local.get $end))
          (then
            (local.set $b (f64.load (local.get $p)))
            (local.set $a (f64.add (f64.mul (local.get $b) (f64x2.extract_lane 0 (local.get $sc))) (f64x2.extract_lane 0 (local.get $fl))))
            (f64.store (local.get $p) (local.get $a))
            (local.set $sumSq (f64.add (local.get $sumSq) (f64.mul (f64.sub (local.get $a) (local.get $b)) (f64.sub (local.get $a) (local.get $b)))))))
        (local.set $runs (i32.add (local.get $runs) (i32.const 12)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $run)))
    (local.get $sumSq))

  ;; "affine" written over x (out = x) and "measure" of the result in one pass over runs: x ← d + keep·(x − d)
  ;; [+ scale·z], each new value v added to its block's sum masked by !(v ≤ 0) as in $clipSums; returns
  ;; Z, the masses m[k] (K of them) normalised by it.
  (func (export "affineMeasureRuns") (param $nRuns i32) (param $runs i32) (param $x i32) (param $d i32) (param $z i32) (param $keep f64) (param $scale f64)
      (param $noisy i32) (param $m i32) (param $K i32) (result f64)
    (local $r i32) (local $o i32) (local $end i32) (local $pairEnd i32) (local $k i32) (local $mk i32)
    (local $keep2 v128) (local $scale2 v128) (local $dv v128) (local $v v128) (local $acc f64) (local $ds f64) (local $s f64)
    (local.set $keep2 (f64x2.splat (local.get $keep)))
    (local.set $scale2 (f64x2.splat (local.get $scale)))
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_u (local.get $k) (local.get $K)))
        (f64.store (i32.add (local.get $m) (i32.shl (local.get $k) (i32.const 3))) (f64.const 0))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $clear)))
    (block $done
      (loop $run
        (br_if $done (i32.ge_u (local.get $r) (local.get $nRuns)))
        (local.set $o (i32.shl (i32.load (local.get $runs)) (i32.const 3)))
        (local.set $end (i32.shl (i32.load offset=4 (local.get $runs)) (i32.const 3)))
        (local.set $mk (i32.add (local.get $m) (i32.shl (i32.load offset=8 (local.get $runs)) (i32.const 3))))
        (local.set $acc (f64.load (local.get $mk)))
        (local.set $pairEnd (i32.sub (local.get $end) (i32.const 8)))
        (block $pairsDone
          (loop $pair
            (br_if $pairsDone (i32.ge_u (local.get $o) (local.get $pairEnd)))
            (local.set $dv (v128.load (i32.add (local.get $d) (local.get $o))))
            (local.set $v (f64x2.add (local.get $dv)
              (f64x2.mul (local.get $keep2) (f64x2.sub (v128.load (i32.add (local.get $x) (local.get $o))) (local.get $dv)))))
            (if (local.get $noisy)
              (then (local.set $v (f64x2.add (local.get $v) (f64x2.mul (local.get $scale2) (v128.load (i32.add (local.get $z) (local.get $o))))))))
            (v128.store (i32.add (local.get $x) (local.get $o)) (local.get $v))
            (local.set $v (v128.andnot (local.get $v) (f64x2.le (local.get $v) (v128.const f64x2 0 0))))
            (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $v))) (f64x2.extract_lane 1 (local.get $v))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $pair)))
        (if (i32.lt_u (local.get $o) (local.get $end))
          (then
            (local.set $ds (f64.load (i32.add (local.get $d) (local.get $o))))
            (local.set $s (f64.add (local.get $ds)
              (f64.mul (local.get $keep) (f64.sub (f64.load (i32.add (local.get $x) (local.get $o))) (local.get $ds)))))
            (if (local.get $noisy)
              (then (local.set $s (f64.add (local.get $s) (f64.mul (local.get $scale) (f64.load (i32.add (local.get $z) (local.get $o))))))))
            (f64.store (i32.add (local.get $x) (local.get $o)) (local.get $s))
            (local.set $acc (f64.add (local.get $acc) (select (f64.const 0) (local.get $s) (f64.le (local.get $s) (f64.const 0)))))))
        (f64.store (local.get $mk) (local.get $acc))
        (local.set $runs (i32.add (local.get $runs) (i32.const 12)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $run)))
    (call $normalise (local.get $m) (local.get $K)))

  ;; out[k] = y[k] + a·x[k] (the toy oracle's x̂₀ = G∗x₀ + σ_err·ξ).
  (func (export "axpy") (param $n i32) (param $y i32) (param $a f64) (param $x i32) (param $out i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pixel
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f64.store (i32.add (local.get $out) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $y) (local.get $o))) (f64.mul (local.get $a) (f64.load (i32.add (local.get $x) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $pixel))))

;; The exact scaling-and-clipping sweep of src-shared/coarse/scaleClip.ts (ScaleClipSolver.solve), the
  ;; same operations in the same order: c = clip(s*·w, L, U) with Σ c = 1 into c, s* returned. Arrays of
  ;; K float64 at w, lo, hi, c; scratch at ev (2K float64 event values), id (2K i32 event ids), state
  ;; (K i32: 0 low, 1 free, 2 high). The events are sorted by insertion: the host calls it for K ≤ 24.
  (func $scaleClip (export "scaleClip") (param $K i32) (param $w i32) (param $lo i32) (param $hi i32) (param $c i32)
      (param $ev i32) (param $id i32) (param $state i32) (result f64)
    (local $k i32) (local $j i32) (local $at i32) (local $events i32) (local $e i32) (local $q i32)
    (local $wk f64) (local $sum f64) (local $rest f64) (local $sumLow f64) (local $a f64) (local $bw f64)
    (local $previous f64) (local $v f64) (local $before f64) (local $scale f64) (local $deficit f64) (local $room f64) (local $fraction f64)
    (local $bwPeak f64) (local $f i32)
    ;; w already admissible (every w_k in [L_k, U_k], |Σ w − 1| ≤ 1e-12): c = w, s* = 1
    (block $outside
      (loop $band
        (if (i32.lt_u (local.get $k) (local.get $K))
          (then
            (local.set $q (i32.shl (local.get $k) (i32.const 3)))
            (local.set $wk (f64.load (i32.add (local.get $w) (local.get $q))))
            (br_if $outside (i32.eqz (i32.and (f64.ge (local.get $wk) (f64.load (i32.add (local.get $lo) (local.get $q))))
              (f64.le (local.get $wk) (f64.load (i32.add (local.get $hi) (local.get $q)))))))
            (local.set $sum (f64.add (local.get $sum) (local.get $wk)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $band))))
      (br_if $outside (i32.eqz (f64.le (f64.abs (f64.sub (local.get $sum) (f64.const 1))) (f64.const 1e-12))))
      (memory.copy (local.get $c) (local.get $w) (i32.shl (local.get $K) (i32.const 3)))
      (return (f64.const 1)))
    ;; events L_k/w_k (id k) and U_k/w_k (id K + k) of the blocks with mass; massless blocks sit at L
    (local.set $rest (f64.const 1))
    (local.set $k (i32.const 0))
    (block $listed
      (loop $list
        (br_if $listed (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $q (i32.shl (local.get $k) (i32.const 3)))
        (local.set $wk (f64.load (i32.add (local.get $w) (local.get $q))))
        (if (f64.ne (local.get $wk) (local.get $wk))
          (then
            (local.set $k (i32.const 0))
            (loop $nan
              (if (i32.lt_u (local.get $k) (local.get $K))
                (then
                  (f64.store (i32.add (local.get $c) (i32.shl (local.get $k) (i32.const 3))) (f64.const nan))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $nan))))
            (return (f64.const nan))))
        (f64.store (i32.add (local.get $c) (local.get $q)) (f64.load (i32.add (local.get $lo) (local.get $q))))
        (if (f64.gt (local.get $wk) (f64.const 0))
          (then
            (f64.store (i32.add (local.get $ev) (i32.shl (local.get $events) (i32.const 3)))
              (f64.div (f64.load (i32.add (local.get $lo) (local.get $q))) (local.get $wk)))
            (i32.store (i32.add (local.get $id) (i32.shl (local.get $events) (i32.const 2))) (local.get $k))
            (local.set $events (i32.add (local.get $events) (i32.const 1)))
            (f64.store (i32.add (local.get $ev) (i32.shl (local.get $events) (i32.const 3)))
              (f64.div (f64.load (i32.add (local.get $hi) (local.get $q))) (local.get $wk)))
            (i32.store (i32.add (local.get $id) (i32.shl (local.get $events) (i32.const 2))) (i32.add (local.get $K) (local.get $k)))
            (local.set $events (i32.add (local.get $events) (i32.const 1)))
            (i32.store (i32.add (local.get $state) (i32.shl (local.get $k) (i32.const 2))) (i32.const 0))
            (local.set $sumLow (f64.add (local.get $sumLow) (f64.load (i32.add (local.get $lo) (local.get $q))))))
          (else
            (local.set $rest (f64.sub (local.get $rest) (f64.load (i32.add (local.get $lo) (local.get $q)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $list)))
    (if (f64.ge (local.get $sumLow) (local.get $rest)) (then (return (f64.const 0))))
    ;; insertion sort of the events by value, ties by id (the order of scaleClip.ts sortEvents)
    (local.set $j (i32.const 1))
    (block $sorted
      (loop $sort
        (br_if $sorted (i32.ge_u (local.get $j) (local.get $events)))
        (local.set $v (f64.load (i32.add (local.get $ev) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $e (i32.load (i32.add (local.get $id) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $at (local.get $j))
        (block $placed
          (loop $shift
            (br_if $placed (i32.eqz (local.get $at)))
            (local.set $before (f64.load (i32.add (local.get $ev) (i32.shl (i32.sub (local.get $at) (i32.const 1)) (i32.const 3)))))
            (br_if $placed (i32.eqz (i32.or (f64.lt (local.get $v) (local.get $before))
              (i32.and (f64.eq (local.get $v) (local.get $before))
                (i32.lt_s (local.get $e) (i32.load (i32.add (local.get $id) (i32.shl (i32.sub (local.get $at) (i32.const 1)) (i32.const 2)))))))))
            (f64.store (i32.add (local.get $ev) (i32.shl (local.get $at) (i32.const 3))) (local.get $before))
            (i32.store (i32.add (local.get $id) (i32.shl (local.get $at) (i32.const 2)))
              (i32.load (i32.add (local.get $id) (i32.shl (i32.sub (local.get $at) (i32.const 1)) (i32.const 2)))))
            (local.set $at (i32.sub (local.get $at) (i32.const 1)))
            (br $shift)))
        (f64.store (i32.add (local.get $ev) (i32.shl (local.get $at) (i32.const 3))) (local.get $v))
        (i32.store (i32.add (local.get $id) (i32.shl (local.get $at) (i32.const 2))) (local.get $e))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $sort)))
    ;; sweep: on the current interval g(s) = a + s·bw; stop at the first event where g ≥ R
    (local.set $a (local.get $sumLow))
    (local.set $j (i32.const 0))
    (block $crossed
      (block $exhausted
        (loop $sweep
          (br_if $exhausted (i32.ge_u (local.get $j) (local.get $events)))
          (local.set $e (i32.load (i32.add (local.get $id) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $v (f64.load (i32.add (local.get $ev) (i32.shl (local.get $j) (i32.const 3)))))
          (br_if $crossed (if (result i32) (f64.gt (local.get $bw) (f64.const 0))
            (then (f64.ge (f64.add (local.get $a) (f64.mul (local.get $v) (local.get $bw))) (local.get $rest)))
            (else (f64.ge (local.get $a) (local.get $rest)))))
          (local.set $previous (local.get $v))
          (if (i32.lt_s (local.get $e) (local.get $K))
            (then
              ;; block e: low → free
              (local.set $q (i32.shl (local.get $e) (i32.const 3)))
              (i32.store (i32.add (local.get $state) (i32.shl (local.get $e) (i32.const 2))) (i32.const 1))
              (local.set $a (f64.sub (local.get $a) (f64.load (i32.add (local.get $lo) (local.get $q)))))
              (local.set $bw (f64.add (local.get $bw) (f64.load (i32.add (local.get $w) (local.get $q)))))
              (local.set $bwPeak (f64.max (local.get $bwPeak) (local.get $bw))))
            (else
              ;; block e − K: free → high
              (local.set $k (i32.sub (local.get $e) (local.get $K)))
              (local.set $q (i32.shl (local.get $k) (i32.const 3)))
              (i32.store (i32.add (local.get $state) (i32.shl (local.get $k) (i32.const 2))) (i32.const 2))
              (local.set $a (f64.add (local.get $a) (f64.load (i32.add (local.get $hi) (local.get $q)))))
              (local.set $bw (f64.sub (local.get $bw) (f64.load (i32.add (local.get $w) (local.get $q)))))
              ;; below bwPeak·2^-10 (RESUM_BELOW) the running sum may have lost the small masses: Σ w over the free blocks afresh
              (if (f64.lt (local.get $bw) (f64.mul (local.get $bwPeak) (f64.const 0x1p-10)))
                (then
                  (local.set $bw (f64.const 0))
                  (local.set $f (i32.const 0))
                  (block $resummed
                    (loop $resum
                      (br_if $resummed (i32.ge_u (local.get $f) (local.get $K)))
                      (local.set $wk (f64.load (i32.add (local.get $w) (i32.shl (local.get $f) (i32.const 3)))))
                      (if (i32.and (f64.gt (local.get $wk) (f64.const 0)) (i32.eq (i32.load (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 2)))) (i32.const 1)))
                        (then (local.set $bw (f64.add (local.get $bw) (local.get $wk)))))
                      (local.set $f (i32.add (local.get $f) (i32.const 1)))
                      (br $resum)))
                  (local.set $bwPeak (local.get $bw))))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $sweep)))
      ;; distributeDeficit: every positive block at U; the deficit to the massless ones by U − L
      (local.set $deficit (local.get $rest))
      (local.set $k (i32.const 0))
      (block $filled
        (loop $fill
          (br_if $filled (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $q (i32.shl (local.get $k) (i32.const 3)))
          (if (f64.gt (f64.load (i32.add (local.get $w) (local.get $q))) (f64.const 0))
            (then
              (f64.store (i32.add (local.get $c) (local.get $q)) (f64.load (i32.add (local.get $hi) (local.get $q))))
              (local.set $deficit (f64.sub (local.get $deficit) (f64.load (i32.add (local.get $hi) (local.get $q))))))
            (else
              (local.set $room (f64.add (local.get $room)
                (f64.sub (f64.load (i32.add (local.get $hi) (local.get $q))) (f64.load (i32.add (local.get $lo) (local.get $q))))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $fill)))
      (if (i32.eqz (i32.and (f64.gt (local.get $deficit) (f64.const 0)) (f64.gt (local.get $room) (f64.const 0))))
        (then (return (local.get $previous))))
      (local.set $fraction (f64.min (f64.div (local.get $deficit) (local.get $room)) (f64.const 1)))
      (local.set $k (i32.const 0))
      (block $spread
        (loop $share
          (br_if $spread (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $q (i32.shl (local.get $k) (i32.const 3)))
          (if (i32.eqz (f64.gt (f64.load (i32.add (local.get $w) (local.get $q))) (f64.const 0)))
            (then
              (f64.store (i32.add (local.get $c) (local.get $q)) (f64.add (f64.load (i32.add (local.get $lo) (local.get $q)))
                (f64.mul (local.get $fraction) (f64.sub (f64.load (i32.add (local.get $hi) (local.get $q))) (f64.load (i32.add (local.get $lo) (local.get $q)))))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $share)))
      (return (local.get $previous)))
    ;; finishInterval: recompute the active set's sums, solve the linear piece, clip
    (local.set $a (f64.const 0))
    (local.set $bw (f64.const 0))
    (local.set $k (i32.const 0))
    (block $summed
      (loop $resum
        (br_if $summed (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $q (i32.shl (local.get $k) (i32.const 3)))
        (local.set $wk (f64.load (i32.add (local.get $w) (local.get $q))))
        (if (f64.gt (local.get $wk) (f64.const 0))
          (then
            (local.set $e (i32.load (i32.add (local.get $state) (i32.shl (local.get $k) (i32.const 2)))))
            (if (i32.eqz (local.get $e))
              (then (local.set $a (f64.add (local.get $a) (f64.load (i32.add (local.get $lo) (local.get $q))))))
              (else
                (if (i32.eq (local.get $e) (i32.const 2))
                  (then (local.set $a (f64.add (local.get $a) (f64.load (i32.add (local.get $hi) (local.get $q))))))
                  (else (local.set $bw (f64.add (local.get $bw) (local.get $wk)))))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $resum)))
    (local.set $scale (if (result f64) (f64.gt (local.get $bw) (f64.const 0))
      (then (f64.div (f64.sub (local.get $rest) (local.get $a)) (local.get $bw)))
      (else (local.get $previous))))
    (local.set $k (i32.const 0))
    (block $clipped
      (loop $clip
        (br_if $clipped (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $q (i32.shl (local.get $k) (i32.const 3)))
        (local.set $wk (f64.load (i32.add (local.get $w) (local.get $q))))
        (if (f64.gt (local.get $wk) (f64.const 0))
          (then (f64.store (i32.add (local.get $c) (local.get $q))
            (f64.min (f64.max (f64.mul (local.get $scale) (local.get $wk)) (f64.load (i32.add (local.get $lo) (local.get $q))))
              (f64.load (i32.add (local.get $hi) (local.get $q)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $clip)))
    (local.get $scale))
  ;; projection.ts projectImageInPlace after its measurement: x's clip-mode masses w (K float64)
  ;; and their total z given, c* = scaleClip(w, lo, hi) into c (ev, id, state: its scratch), the
  ;; per-block write-back (planBlocks: scale_k = c_k/w_k, or a massless block given mass filled with
  ;; c_k·z/n_k, or left as is) into scale and fill, and unless that leaves every pixel as it is, the
  ;; cost D(c*‖w) = Σ_k c_k log scale_k over the blocks with mass (+∞ when a massless block got mass;
  ;; logarithms through $logs into logScale) and the write-back over runs. result: [costNats,
  ;; displacement] (both 0 when x is untouched; NaN and c NaN when z is not finite; 0 when z = 0).
  (func (export "projectRuns") (param $K i32) (param $w i32) (param $lo i32) (param $hi i32) (param $c i32)
      (param $ev i32) (param $id i32) (param $state i32) (param $counts i32) (param $z f64)
      (param $x i32) (param $nRuns i32) (param $runs i32) (param $scale i32) (param $fill i32) (param $logScale i32) (param $result i32)
    (local $k i32) (local $q i32) (local $wk f64) (local $ck f64) (local $sc f64) (local $fl f64) (local $identity i32) (local $cost f64)
    (if (i32.eqz (i32.and (f64.gt (local.get $z) (f64.const 0)) (f64.lt (local.get $z) (f64.const inf))))
      (then
        (block $filled
          (loop $nan
            (br_if $filled (i32.ge_u (local.get $k) (local.get $K)))
            (f64.store (i32.add (local.get $c) (i32.shl (local.get $k) (i32.const 3))) (f64.const nan))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $nan)))
        (local.set $cost (select (f64.const 0) (f64.const nan) (f64.eq (local.get $z) (f64.const 0))))
        (f64.store (local.get $result) (local.get $cost))
        (f64.store offset=8 (local.get $result) (local.get $cost))
        (return)))
    (drop (call $scaleClip (local.get $K) (local.get $w) (local.get $lo) (local.get $hi) (local.get $c) (local.get $ev) (local.get $id) (local.get $state)))
    (local.set $identity (i32.const 1))
    (block $planned
      (loop $plan
        (br_if $planned (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $q (i32.shl (local.get $k) (i32.const 3)))
        (local.set $wk (f64.load (i32.add (local.get $w) (local.get $q))))
        (local.set $ck (f64.load (i32.add (local.get $c) (local.get $q))))
        (local.set $fl (f64.const 0))
        (if (f64.gt (local.get $wk) (f64.const 0))
          (then (local.set $sc (f64.div (local.get $ck) (local.get $wk))))
          (else
            (if (f64.gt (local.get $ck) (f64.const 0))
              (then
                (local.set $sc (f64.const 0))
                (local.set $fl (f64.div (f64.mul (local.get $ck) (local.get $z))
                  (f64.convert_i32_s (i32.load (i32.add (local.get $counts) (i32.shl (local.get $k) (i32.const 2))))))))
              (else (local.set $sc (f64.const 1))))))
        (f64.store (i32.add (local.get $scale) (local.get $q)) (local.get $sc))
        (f64.store (i32.add (local.get $fill) (local.get $q)) (local.get $fl))
        (if (i32.or (f64.ne (local.get $sc) (f64.const 1)) (f64.ne (local.get $fl) (f64.const 0))) (then (local.set $identity (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $plan)))
    (f64.store (local.get $result) (f64.const 0))
    (f64.store offset=8 (local.get $result) (f64.const 0))
    (if (local.get $identity) (then (return)))
    (call $logs (local.get $K) (local.get $scale) (local.get $logScale))
    (local.set $k (i32.const 0))
    (block $costed
      (loop $block
        (br_if $costed (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $q (i32.shl (local.get $k) (i32.const 3)))
        (local.set $ck (f64.load (i32.add (local.get $c) (local.get $q))))
        (if (f64.gt (f64.load (i32.add (local.get $w) (local.get $q))) (f64.const 0))
          (then
            (if (f64.gt (local.get $ck) (f64.const 0))
              (then (local.set $cost (f64.add (local.get $cost) (f64.mul (local.get $ck) (f64.load (i32.add (local.get $logScale) (local.get $q)))))))))
          (else
            (if (f64.gt (local.get $ck) (f64.const 0)) (then (local.set $cost (f64.const inf))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $block)))
    (f64.store (local.get $result) (local.get $cost))
    (f64.store offset=8 (local.get $result)
      (f64.sqrt (call $writeBackRuns (local.get $nRuns) (local.get $runs) (local.get $x) (local.get $scale) (local.get $fill)))))
)
