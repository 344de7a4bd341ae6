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

  (func (export "setTables") (param $x i32) (param $ratio i32)
    (global.set $zigX (local.get $x))
    (global.set $zigRatio (local.get $ratio)))

  ;; Standard normals out[from … n) from the xoshiro128** state s0…s3 at st (4 × i32): the ziggurat's
  ;; fast path (|u| < r_i: u·x_i). At the first draw outside layer i's rectangle it stops and returns
  ;; its index e, with the state at st, u (f64) at st + 16 and the layer i (i32) at st + 24, for the
  ;; host to finish that draw (wedge or tail) in JavaScript; returns n when all are drawn.
  (func (export "normals") (param $out i32) (param $from i32) (param $n i32) (param $st i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32)
    (local $a i32) (local $b i32) (local $e i32) (local $i i32) (local $u f64)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=4 (local.get $st)))
    (local.set $s2 (i32.load offset=8 (local.get $st)))
    (local.set $s3 (i32.load offset=12 (local.get $st)))
    (local.set $e (local.get $from))
    (block $done
      (loop $draw
        (br_if $done (i32.ge_u (local.get $e) (local.get $n)))
        ;; a = next(): rotl(s1·5, 7)·9, then the state update
        (local.set $a (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        ;; b = next()
        (local.set $b (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        ;; u = 2·((a >>> 5)·2^26 + (b >>> 6) + ½)·2^-53 − 1; layer i = (a & 31) | ((b & 3) << 5)
        (local.set $u
          (f64.sub
            (f64.mul (f64.const 2)
              (f64.mul
                (f64.add
                  (f64.add
                    (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $a) (i32.const 5))) (f64.const 67108864))
                    (f64.convert_i32_u (i32.shr_u (local.get $b) (i32.const 6))))
                  (f64.const 0.5))
                (f64.const 1.1102230246251565e-16)))
            (f64.const 1)))
        (local.set $i (i32.or (i32.and (local.get $a) (i32.const 31)) (i32.shl (i32.and (local.get $b) (i32.const 3)) (i32.const 5))))
        (if (f64.lt (f64.abs (local.get $u)) (f64.load (i32.add (global.get $zigRatio) (i32.shl (local.get $i) (i32.const 3)))))
          (then
            (f64.store (i32.add (local.get $out) (i32.shl (local.get $e) (i32.const 3)))
              (f64.mul (local.get $u) (f64.load (i32.add (global.get $zigX) (i32.shl (local.get $i) (i32.const 3))))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $draw)))
        (f64.store offset=16 (local.get $st) (local.get $u))
        (i32.store offset=24 (local.get $st) (local.get $i))
        (br $done)))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=4 (local.get $st) (local.get $s1))
    (i32.store offset=8 (local.get $st) (local.get $s2))
    (i32.store offset=12 (local.get $st) (local.get $s3))
    (local.get $e))

  ;; out[k] = d[k] + keep·(x[k] − d[k]) + scale·z[k]; without noise (noisy = 0) the last term is absent.
  (func (export "affine") (param $n i32) (param $x i32) (param $d i32) (param $z i32) (param $out i32) (param $keep f64) (param $scale f64) (param $noisy i32)
    (local $o i32) (local $end i32) (local $dv f64) (local $v f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pixel
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $dv (f64.load (i32.add (local.get $d) (local.get $o))))
        (local.set $v (f64.add (local.get $dv)
          (f64.mul (local.get $keep) (f64.sub (f64.load (i32.add (local.get $x) (local.get $o))) (local.get $dv)))))
        (if (local.get $noisy)
          (then (local.set $v (f64.add (local.get $v) (f64.mul (local.get $scale) (f64.load (i32.add (local.get $z) (local.get $o))))))))
        (f64.store (i32.add (local.get $out) (local.get $o)) (local.get $v))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $pixel))))

  ;; Clip-mode block masses: m[k] = Σ_{i ∈ B_k, !(x_i ≤ 0)} x_i / Z, Z = Σ_k of those sums (returned).
  (func (export "measure") (param $n i32) (param $x i32) (param $lab i32) (param $m i32) (param $K i32) (result f64)
    (local $i i32) (local $k i32) (local $v f64) (local $z f64) (local $p i32)
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
        ;; !(v <= 0) admits NaN, as in measureImage
        (if (i32.eqz (f64.le (local.get $v) (f64.const 0)))
          (then
            (local.set $p (i32.add (local.get $m) (i32.shl (i32.load (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $v)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pixel)))
    (local.set $k (i32.const 0))
    (block $totalled
      (loop $total
        (br_if $totalled (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $z (f64.add (local.get $z) (f64.load (i32.add (local.get $m) (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $total)))
    (local.set $k (i32.const 0))
    (block $normalised
      (loop $normalise
        (br_if $normalised (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $p (i32.add (local.get $m) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store (local.get $p) (f64.div (f64.load (local.get $p)) (local.get $z)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $normalise)))
    (local.get $z))

  ;; Projection write-back x_i ↦ x_i·scale_{b(i)} + fill_{b(i)} in place; returns Σ_i (after − before)².
  (func (export "writeBack") (param $n i32) (param $x i32) (param $lab i32) (param $scale i32) (param $fill i32) (result f64)
    (local $i i32) (local $p i32) (local $q i32) (local $before f64) (local $after f64) (local $sumSq f64)
    (block $done
      (loop $pixel
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $q (i32.shl (i32.load (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3)))
        (local.set $before (f64.load (local.get $p)))
        (local.set $after (f64.add (f64.mul (local.get $before) (f64.load (i32.add (local.get $scale) (local.get $q))))
                                   (f64.load (i32.add (local.get $fill) (local.get $q)))))
        (f64.store (local.get $p) (local.get $after))
        (local.set $sumSq (f64.add (local.get $sumSq)
          (f64.mul (f64.sub (local.get $after) (local.get $before)) (f64.sub (local.get $after) (local.get $before)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pixel)))
    (local.get $sumSq))
)
