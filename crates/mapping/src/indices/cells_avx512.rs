//! The cell pass of one row in AVX-512: eight sectors per step, the binary LQ of the eight as
//! one mask that is at once the density code byte, the eight binary bytes and the bits of the
//! co-occurrence sets. Same operations in the same lanes as `engine::row_plain`, so the same
//! results to the bit.

use std::arch::x86_64::{
    __m512d, _CMP_GE_OQ, _CMP_GT_OQ, _CMP_LT_OQ, _CMP_ORD_Q, _MM_MANT_NORM_P75_1P5,
    _MM_MANT_SIGN_SRC, _mm_cvtsi64_si128, _mm_storel_epi64, _mm256_loadu_si256,
    _mm256_mask_add_epi32, _mm256_set1_epi32, _mm256_storeu_si256, _mm512_abs_pd, _mm512_add_pd,
    _mm512_cmp_pd_mask, _mm512_div_pd, _mm512_getexp_pd, _mm512_getmant_pd, _mm512_loadu_epi64,
    _mm512_mask_add_pd, _mm512_mask_or_epi64, _mm512_mask_storeu_epi64, _mm512_mask_storeu_pd,
    _mm512_maskz_compress_pd, _mm512_maskz_loadu_epi64, _mm512_maskz_loadu_pd, _mm512_maskz_mov_pd,
    _mm512_mul_pd, _mm512_set1_epi64, _mm512_set1_pd, _mm512_setzero_pd, _mm512_storeu_epi64,
    _mm512_storeu_pd, _mm512_sub_pd, _pdep_u64,
};

use super::engine::{RowCells, RowSums};
use super::log2::SERIES;

const W: usize = 8;

/// # Safety
/// The CPU must support AVX-512 F/BW/DQ/VL and BMI2. `r`'s slices must have the lengths
/// `RowCells` documents (checked by assertions).
#[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,bmi2")]
pub(super) unsafe fn row(r: RowCells) -> RowSums {
    let n = r.x.len();
    assert!(
        r.col_share.len() == n
            && r.col_sums.len() == n
            && r.lq.len() == n
            && r.bin.len() == n
            && r.hoover.len() == n
            && r.ubiq.len() == n
            && r.word.len() == n
            && r.codes.len() == n.div_ceil(W)
            && r.nonzero.len() >= n + W
    );
    let rs = _mm512_set1_pd(r.rs);
    let ps = _mm512_set1_pd(r.ps);
    let one = _mm512_set1_pd(1.0);
    let zero = _mm512_setzero_pd();
    let bitv = _mm512_set1_epi64(1i64 << r.bit);
    let one32 = _mm256_set1_epi32(1);
    let mut kr: __m512d = zero;
    let mut sq: __m512d = zero;
    let mut len = 0usize;
    for (blk, j0) in (0..n).step_by(W).enumerate() {
        let w = W.min(n - j0);
        let m: u8 = if w == W { 0xff } else { (1u8 << w) - 1 };
        // SAFETY: lanes j0..j0 + w are inside every slice (the assertion above); masked-out
        // lanes are neither read nor written.
        unsafe {
            let x = _mm512_maskz_loadu_pd(m, r.x.as_ptr().add(j0));
            let c = _mm512_maskz_loadu_pd(m, r.col_share.as_ptr().add(j0));
            let cs = _mm512_maskz_loadu_pd(m, r.col_sums.as_ptr().add(j0));
            let share = _mm512_div_pd(x, rs);
            let v = _mm512_div_pd(share, c);
            let l = _mm512_maskz_mov_pd(_mm512_cmp_pd_mask::<_CMP_ORD_Q>(v, v), v);
            let b = _mm512_cmp_pd_mask::<_CMP_GE_OQ>(l, one) & m;
            kr = _mm512_mask_add_pd(kr, m, kr, _mm512_abs_pd(_mm512_sub_pd(share, c)));
            sq = _mm512_add_pd(sq, _mm512_mul_pd(x, x));
            let h = _mm512_maskz_loadu_pd(m, r.hoover.as_ptr().add(j0));
            let h = _mm512_add_pd(h, _mm512_abs_pd(_mm512_sub_pd(_mm512_div_pd(x, cs), ps)));
            if w == W {
                _mm512_storeu_pd(r.lq.as_mut_ptr().add(j0), l);
                _mm512_storeu_pd(r.hoover.as_mut_ptr().add(j0), h);
                let wd = _mm512_loadu_epi64(r.word.as_ptr().add(j0).cast());
                let wd = _mm512_mask_or_epi64(wd, b, wd, bitv);
                _mm512_storeu_epi64(r.word.as_mut_ptr().add(j0).cast(), wd);
                let u = _mm256_loadu_si256(r.ubiq.as_ptr().add(j0).cast());
                let u = _mm256_mask_add_epi32(u, b, u, one32);
                _mm256_storeu_si256(r.ubiq.as_mut_ptr().add(j0).cast(), u);
                let bytes = _pdep_u64(u64::from(b), 0x0101_0101_0101_0101);
                _mm_storel_epi64(
                    r.bin.as_mut_ptr().add(j0).cast(),
                    _mm_cvtsi64_si128(bytes as i64),
                );
            } else {
                _mm512_mask_storeu_pd(r.lq.as_mut_ptr().add(j0), m, l);
                _mm512_mask_storeu_pd(r.hoover.as_mut_ptr().add(j0), m, h);
                let wd = _mm512_maskz_loadu_epi64(m, r.word.as_ptr().add(j0).cast());
                let wd = _mm512_mask_or_epi64(wd, b, wd, bitv);
                _mm512_mask_storeu_epi64(r.word.as_mut_ptr().add(j0).cast(), m, wd);
                for k in 0..w {
                    r.ubiq[j0 + k] += u32::from((b >> k) & 1);
                    r.bin[j0 + k] = (b >> k) & 1;
                }
            }
            *r.codes.get_unchecked_mut(blk) = b;
            // The non-zero shares packed to the front of a vector and stored whole: the
            // buffer has W spare values, and the next store starts where these end.
            let nz = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(x, zero) & m;
            _mm512_storeu_pd(
                r.nonzero.as_mut_ptr().add(len),
                _mm512_maskz_compress_pd(nz, share),
            );
            len += nz.count_ones() as usize;
        }
    }
    // Σ p log2 p, eight shares at a time, lane k taking shares k, k + 8, … as the scalar code.
    let mut en = zero;
    for j0 in (0..len).step_by(W) {
        let m: u8 = if len - j0 >= W {
            0xff
        } else {
            (1u8 << (len - j0)) - 1
        };
        // SAFETY: lanes below `len - j0` are inside the gathered shares.
        let p = unsafe { _mm512_maskz_loadu_pd(m, r.nonzero.as_ptr().add(j0)) };
        // Masked-out lanes hold 0, whose logarithm is −∞: their term is dropped, not added.
        en = _mm512_add_pd(en, _mm512_maskz_mov_pd(m, _mm512_mul_pd(p, log2(p))));
    }
    let mut krugman = [0.0f64; W];
    let mut squares = [0.0f64; W];
    let mut entropy = [0.0f64; W];
    // SAFETY: arrays of W = 8 f64 are exactly one 512-bit vector.
    unsafe {
        _mm512_storeu_pd(krugman.as_mut_ptr(), kr);
        _mm512_storeu_pd(squares.as_mut_ptr(), sq);
        _mm512_storeu_pd(entropy.as_mut_ptr(), en);
    }
    RowSums {
        krugman,
        squares,
        entropy,
    }
}

/// `log2` of eight positive values, the operations of `log2::log2` (AVX-512 splits the
/// exponent and the mantissa exactly, subnormals included).
#[inline]
#[target_feature(enable = "avx512f")]
fn log2(x: __m512d) -> __m512d {
    let e = _mm512_getexp_pd(x);
    let m = _mm512_getmant_pd::<_MM_MANT_NORM_P75_1P5, _MM_MANT_SIGN_SRC>(x);
    // A mantissa below 1 was halved from [1.5, 2): its exponent is one more.
    let below = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(m, _mm512_set1_pd(1.0));
    let k = _mm512_mask_add_pd(e, below, e, _mm512_set1_pd(1.0));
    let one = _mm512_set1_pd(1.0);
    let s = _mm512_div_pd(_mm512_sub_pd(m, one), _mm512_add_pd(m, one));
    let z = _mm512_mul_pd(s, s);
    let mut p = _mm512_set1_pd(SERIES[11]);
    for c in SERIES[..11].iter().rev() {
        p = _mm512_add_pd(_mm512_mul_pd(p, z), _mm512_set1_pd(*c));
    }
    let ln = _mm512_mul_pd(_mm512_mul_pd(_mm512_set1_pd(2.0), s), p);
    _mm512_add_pd(
        k,
        _mm512_mul_pd(ln, _mm512_set1_pd(std::f64::consts::LOG2_E)),
    )
}
