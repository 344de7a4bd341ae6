;; Float64 SIMD kernels of the pruned empirical denoiser's dense regime on sparse data: the scores
;; e_jr = ‖y_j‖² − 2 x_r·y_j of every point against a batch of rows, the posterior weights they give
;; (softmax per row), and the weighted sum D_r = Σ_j w_jr y_j, scores and sum over the points' non-zero
;; entries (CSR). The same IEEE-754 operations in the same order as their JavaScript originals
;; (src-shared/diffusion/denoisers/prunedSparse.ts sparseScores, scoresToWeights with flushedExp,
;; sparseScatter), so the results are identical bit for bit (test/main/engine/wasm/sparseKernels.test.ts).
;; f64x2 lanes run across rows: the rows are stored transposed (column c of the data at
;; xt + (c·stride + r)·8, stride even), so one entry of a point meets two rows per load. Eight rows per
;; pass (four accumulators), then the remaining rows in pairs; a point's entries stay in L1 while the
;; passes go over them. Pointers are byte offsets into the exported memory, laid out by the host
;; (sparseKernels.ts). Compiled by scripts/buildWasm.mts into sparseKernelsBinary.ts. Comments keep to
;; characters whose low byte is not a line break: wabt reads the text one byte per character.
(module
  (memory (export "memory") 1)

  ;; out[j·stride + r] = norms[j] − (s + s), s = Σ_{e of point j, ascending} vals[e]·xt[cols[e]·stride + r],
  ;; for every point j < count and row r < stride.
  (func (export "scores") (param $count i32) (param $rowStart i32) (param $cols i32) (param $vals i32) (param $norms i32) (param $xt i32) (param $stride i32) (param $out i32)
    (local $rowBytes i32) (local $j i32) (local $b i32) (local $o i32) (local $at i32)
    (local $c i32) (local $cEnd i32) (local $cBegin i32) (local $vp i32) (local $vBegin i32)
    (local $v v128) (local $sq v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (block $points
      (loop $point
        (br_if $points (i32.ge_u (local.get $j) (local.get $count)))
        (local.set $cBegin (i32.add (local.get $cols) (i32.shl (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
        (local.set $cEnd (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (i32.add (local.get $rowStart) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
        (local.set $vBegin (i32.add (local.get $vals) (i32.shl (i32.sub (local.get $cBegin) (local.get $cols)) (i32.const 1))))
        (local.set $sq (f64x2.splat (f64.load (i32.add (local.get $norms) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $j) (local.get $rowBytes))))
        ;; Eight rows per pass: b is the pass's byte offset within a transposed column.
        (local.set $b (i32.const 0))
        (block $passes8
          (loop $pass8
            (br_if $passes8 (i32.gt_u (i32.add (local.get $b) (i32.const 64)) (local.get $rowBytes)))
            (local.set $a0 (v128.const i64x2 0 0))
            (local.set $a1 (v128.const i64x2 0 0))
            (local.set $a2 (v128.const i64x2 0 0))
            (local.set $a3 (v128.const i64x2 0 0))
            (local.set $c (local.get $cBegin))
            (local.set $vp (local.get $vBegin))
            (if (i32.lt_u (local.get $c) (local.get $cEnd))
              (then
                (loop $entry
                  (local.set $at (i32.add (i32.add (local.get $xt) (local.get $b)) (i32.mul (i32.load (local.get $c)) (local.get $rowBytes))))
                  (local.set $v (f64x2.splat (f64.load (local.get $vp))))
                  (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (v128.load offset=0 (local.get $at)))))
                  (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $v) (v128.load offset=16 (local.get $at)))))
                  (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $v) (v128.load offset=32 (local.get $at)))))
                  (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $v) (v128.load offset=48 (local.get $at)))))
                  (local.set $c (i32.add (local.get $c) (i32.const 4)))
                  (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
                  (br_if $entry (i32.lt_u (local.get $c) (local.get $cEnd))))))
            (local.set $at (i32.add (local.get $o) (local.get $b)))
            (v128.store offset=0 (local.get $at) (f64x2.sub (local.get $sq) (f64x2.add (local.get $a0) (local.get $a0))))
            (v128.store offset=16 (local.get $at) (f64x2.sub (local.get $sq) (f64x2.add (local.get $a1) (local.get $a1))))
            (v128.store offset=32 (local.get $at) (f64x2.sub (local.get $sq) (f64x2.add (local.get $a2) (local.get $a2))))
            (v128.store offset=48 (local.get $at) (f64x2.sub (local.get $sq) (f64x2.add (local.get $a3) (local.get $a3))))
            (local.set $b (i32.add (local.get $b) (i32.const 64)))
            (br $pass8)))
        ;; The remaining rows, two per pass.
        (block $passes2
          (loop $pass2
            (br_if $passes2 (i32.ge_u (local.get $b) (local.get $rowBytes)))
            (local.set $a0 (v128.const i64x2 0 0))
            (local.set $c (local.get $cBegin))
            (local.set $vp (local.get $vBegin))
            (if (i32.lt_u (local.get $c) (local.get $cEnd))
              (then
                (loop $entry2
                  (local.set $at (i32.add (i32.add (local.get $xt) (local.get $b)) (i32.mul (i32.load (local.get $c)) (local.get $rowBytes))))
                  (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.splat (f64.load (local.get $vp))) (v128.load (local.get $at)))))
                  (local.set $c (i32.add (local.get $c) (i32.const 4)))
                  (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
                  (br_if $entry2 (i32.lt_u (local.get $c) (local.get $cEnd))))))
            (v128.store (i32.add (local.get $o) (local.get $b)) (f64x2.sub (local.get $sq) (f64x2.add (local.get $a0) (local.get $a0))))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (br $pass2)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $point))))

  ;; dt[cols[e]·stride + r] += w[j·stride + r]·vals[e] for every point j < count ascending, its entries e
  ;; ascending, and every row r < stride; a pass whose weights are all +0 is skipped (adding a zero
  ;; product never changes a sum that starts at +0).
  (func (export "scatter") (param $count i32) (param $rowStart i32) (param $cols i32) (param $vals i32) (param $w i32) (param $stride i32) (param $dt i32)
    (local $rowBytes i32) (local $j i32) (local $b i32) (local $wp i32) (local $at i32)
    (local $c i32) (local $cEnd i32) (local $cBegin i32) (local $vp i32) (local $vBegin i32)
    (local $v v128) (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (block $points
      (loop $point
        (br_if $points (i32.ge_u (local.get $j) (local.get $count)))
        (local.set $cBegin (i32.add (local.get $cols) (i32.shl (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
        (local.set $cEnd (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (i32.add (local.get $rowStart) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
        (local.set $vBegin (i32.add (local.get $vals) (i32.shl (i32.sub (local.get $cBegin) (local.get $cols)) (i32.const 1))))
        (local.set $wp (i32.add (local.get $w) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $b (i32.const 0))
        (block $passes8
          (loop $pass8
            (br_if $passes8 (i32.gt_u (i32.add (local.get $b) (i32.const 64)) (local.get $rowBytes)))
            (local.set $at (i32.add (local.get $wp) (local.get $b)))
            (local.set $w0 (v128.load offset=0 (local.get $at)))
            (local.set $w1 (v128.load offset=16 (local.get $at)))
            (local.set $w2 (v128.load offset=32 (local.get $at)))
            (local.set $w3 (v128.load offset=48 (local.get $at)))
            (local.set $c (local.get $cBegin))
            (local.set $vp (local.get $vBegin))
            (if (i32.and
                  (v128.any_true (v128.or (v128.or (local.get $w0) (local.get $w1)) (v128.or (local.get $w2) (local.get $w3))))
                  (i32.lt_u (local.get $c) (local.get $cEnd)))
              (then
                (loop $entry
                  (local.set $at (i32.add (i32.add (local.get $dt) (local.get $b)) (i32.mul (i32.load (local.get $c)) (local.get $rowBytes))))
                  (local.set $v (f64x2.splat (f64.load (local.get $vp))))
                  (v128.store offset=0 (local.get $at) (f64x2.add (v128.load offset=0 (local.get $at)) (f64x2.mul (local.get $w0) (local.get $v))))
                  (v128.store offset=16 (local.get $at) (f64x2.add (v128.load offset=16 (local.get $at)) (f64x2.mul (local.get $w1) (local.get $v))))
                  (v128.store offset=32 (local.get $at) (f64x2.add (v128.load offset=32 (local.get $at)) (f64x2.mul (local.get $w2) (local.get $v))))
                  (v128.store offset=48 (local.get $at) (f64x2.add (v128.load offset=48 (local.get $at)) (f64x2.mul (local.get $w3) (local.get $v))))
                  (local.set $c (i32.add (local.get $c) (i32.const 4)))
                  (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
                  (br_if $entry (i32.lt_u (local.get $c) (local.get $cEnd))))))
            (local.set $b (i32.add (local.get $b) (i32.const 64)))
            (br $pass8)))
        (block $passes2
          (loop $pass2
            (br_if $passes2 (i32.ge_u (local.get $b) (local.get $rowBytes)))
            (local.set $w0 (v128.load (i32.add (local.get $wp) (local.get $b))))
            (local.set $c (local.get $cBegin))
            (local.set $vp (local.get $vBegin))
            (if (i32.and (v128.any_true (local.get $w0)) (i32.lt_u (local.get $c) (local.get $cEnd)))
              (then
                (loop $entry2
                  (local.set $at (i32.add (i32.add (local.get $dt) (local.get $b)) (i32.mul (i32.load (local.get $c)) (local.get $rowBytes))))
                  (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (f64x2.mul (local.get $w0) (f64x2.splat (f64.load (local.get $vp))))))
                  (local.set $c (i32.add (local.get $c) (i32.const 4)))
                  (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
                  (br_if $entry2 (i32.lt_u (local.get $c) (local.get $cEnd))))))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (br $pass2)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $point))))
  ;; The same sums as scatter, gathered: the points in chunks, each chunk's entries by column (CSC:
  ;; column k's entries of chunk h are chunkStart[h·(c + 1) + k] … chunkStart[h·(c + 1) + k + 1] − 1, their
  ;; points ascending in points[], values in vals[]). dt[k·stride + r] is loaded once per chunk and
  ;; column, gets w[j·stride + r]·vals[e] added for j ascending, and is stored back: per sum the same
  ;; additions in the same order as scatter (equal bit for bit), with one store per chunk and column
  ;; instead of one per entry. For weights that are mostly non-zero; scatter skips zero ones.
  (func (export "gather") (param $chunks i32) (param $columns i32) (param $chunkStart i32) (param $points i32) (param $vals i32) (param $w i32) (param $stride i32) (param $dt i32)
    (local $rowBytes i32) (local $h i32) (local $k i32) (local $b i32) (local $cs i32) (local $e i32) (local $eEnd i32)
    (local $vp i32) (local $d i32) (local $at i32) (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (block $chunksDone
      (loop $chunk
        (br_if $chunksDone (i32.ge_u (local.get $h) (local.get $chunks)))
        (local.set $b (i32.const 0))
        (block $passesDone
          (loop $pass
            (br_if $passesDone (i32.ge_u (local.get $b) (local.get $rowBytes)))
            (local.set $cs (i32.add (local.get $chunkStart) (i32.shl (i32.mul (local.get $h) (i32.add (local.get $columns) (i32.const 1))) (i32.const 2))))
            (local.set $d (i32.add (local.get $dt) (local.get $b)))
            (local.set $k (i32.const 0))
            (block $columnsDone
              (loop $column
                (br_if $columnsDone (i32.ge_u (local.get $k) (local.get $columns)))
                (local.set $e (i32.shl (i32.load (local.get $cs)) (i32.const 2)))
                (local.set $eEnd (i32.shl (i32.load offset=4 (local.get $cs)) (i32.const 2)))
                (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 1))))
                (local.set $e (i32.add (local.get $points) (local.get $e)))
                (local.set $eEnd (i32.add (local.get $points) (local.get $eEnd)))
                (if (i32.lt_u (local.get $e) (local.get $eEnd))
                  (then
                    (if (i32.le_u (i32.add (local.get $b) (i32.const 64)) (local.get $rowBytes))
                      (then
                        ;; Eight rows.
                        (local.set $a0 (v128.load offset=0 (local.get $d)))
                        (local.set $a1 (v128.load offset=16 (local.get $d)))
                        (local.set $a2 (v128.load offset=32 (local.get $d)))
                        (local.set $a3 (v128.load offset=48 (local.get $d)))
                        (loop $entry
                          (local.set $at (i32.add (i32.add (local.get $w) (local.get $b)) (i32.mul (i32.load (local.get $e)) (local.get $rowBytes))))
                          (local.set $v (f64x2.splat (f64.load (local.get $vp))))
                          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $at)) (local.get $v))))
                          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $at)) (local.get $v))))
                          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $at)) (local.get $v))))
                          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $at)) (local.get $v))))
                          (local.set $e (i32.add (local.get $e) (i32.const 4)))
                          (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
                          (br_if $entry (i32.lt_u (local.get $e) (local.get $eEnd))))
                        (v128.store offset=0 (local.get $d) (local.get $a0))
                        (v128.store offset=16 (local.get $d) (local.get $a1))
                        (v128.store offset=32 (local.get $d) (local.get $a2))
                        (v128.store offset=48 (local.get $d) (local.get $a3)))
                      (else
                        ;; Two rows (the remainder after the eight-row passes).
                        (local.set $a0 (v128.load (local.get $d)))
                        (loop $entry2
                          (local.set $at (i32.add (i32.add (local.get $w) (local.get $b)) (i32.mul (i32.load (local.get $e)) (local.get $rowBytes))))
                          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $at)) (f64x2.splat (f64.load (local.get $vp))))))
                          (local.set $e (i32.add (local.get $e) (i32.const 4)))
                          (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
                          (br_if $entry2 (i32.lt_u (local.get $e) (local.get $eEnd))))
                        (v128.store (local.get $d) (local.get $a0))))))
                (local.set $d (i32.add (local.get $d) (local.get $rowBytes)))
                (local.set $cs (i32.add (local.get $cs) (i32.const 4)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $column)))
            (local.set $b (i32.add (local.get $b) (select (i32.const 64) (i32.const 16) (i32.le_u (i32.add (local.get $b) (i32.const 64)) (local.get $rowBytes)))))
            (br $pass)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $chunk))))
  ;; Scores (n × stride, row r at j·stride + r) → posterior weights in place, row r at scale[r] = 1/(2σ_r²),
  ;; as prunedSparse.ts scoresToWeights: nearest = min_j e_jr (NaN scores ignored, as `<` does);
  ;; ℓ = logPrior[j] − (excess = 0 ? 0 : excess·scale) with the maximum taken as maxOf (a NaN sticks);
  ;; e = exp(ℓ − max) as flushedExp (Cody–Waite reduction, degree-13 Taylor polynomial, exact scaling
  ;; by 2^k; 0 below ℓ − max = −700, so no operand is ever subnormal); w = e·(1/Σe), NaN where the maximum is not finite. state: 3·stride f64 of
  ;; scratch (nearest, maximum, sum). Every row r < stride is computed; the host zeroes padding rows.
  (func (export "weights") (param $count i32) (param $scores i32) (param $stride i32) (param $logPrior i32) (param $scale i32) (param $state i32)
    (local $rowBytes i32) (local $end i32) (local $at i32) (local $b i32) (local $j i32)
    (local $top i32) (local $sum i32) (local $s v128) (local $m v128) (local $lp v128) (local $v v128)
    (local $k v128) (local $r v128) (local $p v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $top (i32.add (local.get $state) (local.get $rowBytes)))
    (local.set $sum (i32.add (local.get $top) (local.get $rowBytes)))
    (local.set $end (i32.add (local.get $scores) (i32.mul (local.get $count) (local.get $rowBytes))))
    (local.set $b (i32.const 0))
    (block $done
      (loop $init
        (br_if $done (i32.ge_u (local.get $b) (local.get $rowBytes)))
        (v128.store (i32.add (local.get $state) (local.get $b)) (v128.const f64x2 inf inf))
        (v128.store (i32.add (local.get $top) (local.get $b)) (v128.const f64x2 -inf -inf))
        (v128.store (i32.add (local.get $sum) (local.get $b)) (v128.const i64x2 0 0))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $init)))
    ;; Nearest score per row: m = s < m ? s : m.
    (local.set $at (local.get $scores))
    (block $done
      (loop $point
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $b (i32.const 0))
        (loop $pair
          (local.set $s (v128.load (i32.add (local.get $at) (local.get $b))))
          (local.set $m (v128.load (i32.add (local.get $state) (local.get $b))))
          (v128.store (i32.add (local.get $state) (local.get $b)) (v128.bitselect (local.get $s) (local.get $m) (f64x2.lt (local.get $s) (local.get $m))))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $b) (local.get $rowBytes))))
        (local.set $at (i32.add (local.get $at) (local.get $rowBytes)))
        (br $point)))
    ;; Logits and their maximum: ℓ = lp − (excess = 0 ? 0 : excess·scale); top = ℓ > top ? ℓ : (ℓ ≠ ℓ ? NaN : top).
    (local.set $at (local.get $scores))
    (local.set $j (local.get $logPrior))
    (block $done
      (loop $point
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $lp (f64x2.splat (f64.load (local.get $j))))
        (local.set $b (i32.const 0))
        (loop $pair
          (local.set $s (f64x2.sub (v128.load (i32.add (local.get $at) (local.get $b))) (v128.load (i32.add (local.get $state) (local.get $b)))))
          (local.set $v (f64x2.sub (local.get $lp)
            (v128.bitselect (v128.const i64x2 0 0) (f64x2.mul (local.get $s) (v128.load (i32.add (local.get $scale) (local.get $b)))) (f64x2.eq (local.get $s) (v128.const i64x2 0 0)))))
          (v128.store (i32.add (local.get $at) (local.get $b)) (local.get $v))
          (local.set $m (v128.load (i32.add (local.get $top) (local.get $b))))
          (local.set $m (v128.bitselect (local.get $v) (local.get $m) (f64x2.gt (local.get $v) (local.get $m))))
          (v128.store (i32.add (local.get $top) (local.get $b)) (v128.bitselect (local.get $v) (local.get $m) (f64x2.ne (local.get $v) (local.get $v))))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $b) (local.get $rowBytes))))
        (local.set $at (i32.add (local.get $at) (local.get $rowBytes)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $point)))
    ;; e = exp(ℓ − top) and Σe per row.
    (local.set $at (local.get $scores))
    (block $done
      (loop $point
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $b (i32.const 0))
        (loop $pair
          (local.set $v (f64x2.sub (v128.load (i32.add (local.get $at) (local.get $b))) (v128.load (i32.add (local.get $top) (local.get $b)))))
          ;; k = round(v·log₂e), r = (v − k·ln2_hi) − k·ln2_lo
          (local.set $k (f64x2.sub (f64x2.add (f64x2.mul (local.get $v) (v128.const f64x2 0x1.71547652b82fep+0 0x1.71547652b82fep+0)) (v128.const f64x2 0x1.8p+52 0x1.8p+52)) (v128.const f64x2 0x1.8p+52 0x1.8p+52)))
          (local.set $r (f64x2.sub (f64x2.sub (local.get $v) (f64x2.mul (local.get $k) (v128.const f64x2 0x1.62e42feep-1 0x1.62e42feep-1))) (f64x2.mul (local.get $k) (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))))
          (local.set $p (v128.const f64x2 0x1.6124613a86d09p-33 0x1.6124613a86d09p-33))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.1eed8eff8d898p-29 0x1.1eed8eff8d898p-29)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.ae64567f544e4p-26 0x1.ae64567f544e4p-26)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.27e4fb7789f5cp-22 0x1.27e4fb7789f5cp-22)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.71de3a556c734p-19 0x1.71de3a556c734p-19)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.a01a01a01a01ap-16 0x1.a01a01a01a01ap-16)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.a01a01a01a01ap-13 0x1.a01a01a01a01ap-13)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.6c16c16c16c17p-10 0x1.6c16c16c16c17p-10)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.1111111111111p-7 0x1.1111111111111p-7)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.5555555555555p-5 0x1.5555555555555p-5)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1p-1 0x1p-1)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1p+0 0x1p+0)))
                (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0x1p+0 0x1p+0)))
          ;; ·2^k, the power built from its exponent bits; v < −700 (−∞ included): 0
          (local.set $p (f64x2.mul (local.get $p) (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.const i64x2 1023 1023)) (i32.const 52))))
          (local.set $p (v128.bitselect (v128.const i64x2 0 0) (local.get $p) (f64x2.lt (local.get $v) (v128.const f64x2 -700 -700))))
          (v128.store (i32.add (local.get $at) (local.get $b)) (local.get $p))
          (v128.store (i32.add (local.get $sum) (local.get $b)) (f64x2.add (v128.load (i32.add (local.get $sum) (local.get $b))) (local.get $p)))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $b) (local.get $rowBytes))))
        (local.set $at (i32.add (local.get $at) (local.get $rowBytes)))
        (br $point)))
    ;; 1/Σe where the maximum is finite (top − top = 0), else NaN.
    (local.set $b (i32.const 0))
    (loop $pair
      (local.set $m (v128.load (i32.add (local.get $top) (local.get $b))))
      (v128.store (i32.add (local.get $sum) (local.get $b))
        (v128.bitselect
          (f64x2.div (v128.const f64x2 1 1) (v128.load (i32.add (local.get $sum) (local.get $b))))
          (v128.const f64x2 nan nan)
          (f64x2.eq (f64x2.sub (local.get $m) (local.get $m)) (v128.const i64x2 0 0))))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br_if $pair (i32.lt_u (local.get $b) (local.get $rowBytes))))
    ;; w = e·(1/Σe)
    (local.set $at (local.get $scores))
    (block $done
      (loop $point
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $b (i32.const 0))
        (loop $pair
          (v128.store (i32.add (local.get $at) (local.get $b)) (f64x2.mul (v128.load (i32.add (local.get $at) (local.get $b))) (v128.load (i32.add (local.get $sum) (local.get $b)))))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (br_if $pair (i32.lt_u (local.get $b) (local.get $rowBytes))))
        (local.set $at (i32.add (local.get $at) (local.get $rowBytes)))
        (br $point)))))
