//! Byte offsets to Unicode code-point offsets.

use crate::TextRange;

/// Converts byte offsets of one text into code-point offsets (what PolNeAR,
/// brat and Python use). Built once per document in O(n); each lookup is
/// O(log n) over the non-ASCII positions only, so ASCII-heavy news costs
/// almost nothing.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// Byte offset of every character that is more than one byte long, with
    /// the number of extra bytes seen up to and including it.
    wide: Vec<(u32, u32)>,
    len_bytes: usize,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0u32;
        if !text.is_ascii() {
            for (i, c) in text.char_indices() {
                let n = c.len_utf8() as u32;
                if n > 1 {
                    extra += n - 1;
                    wide.push((i as u32, extra));
                }
            }
        }
        OffsetMap {
            wide,
            len_bytes: text.len(),
        }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        debug_assert!(byte <= self.len_bytes);
        // Count the extra bytes of wide characters that start before `byte`.
        let idx = self.wide.partition_point(|&(b, _)| (b as usize) < byte);
        let extra = if idx == 0 { 0 } else { self.wide[idx - 1].1 };
        byte - extra as usize
    }

    /// The code-point range of a byte range.
    pub fn char_range(&self, r: TextRange) -> (usize, usize) {
        (self.char_offset(r.start()), self.char_offset(r.end()))
    }

    /// The byte offset of code-point offset `ch`, or `None` past the end.
    pub fn byte_offset(&self, ch: usize) -> Option<usize> {
        // Walk the wide characters: byte = ch + extra bytes of the wide chars before it.
        let mut lo = 0usize;
        let mut hi = self.wide.len();
        // Find the number of wide chars whose char offset < ch.
        while lo < hi {
            let mid = (lo + hi) / 2;
            let (b, extra) = self.wide[mid];
            let before = if mid == 0 { 0 } else { self.wide[mid - 1].1 };
            let _ = extra;
            let char_pos = b as usize - before as usize;
            if char_pos < ch {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let extra = if lo == 0 { 0 } else { self.wide[lo - 1].1 } as usize;
        let byte = ch + extra;
        (byte <= self.len_bytes).then_some(byte)
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        self.char_offset(self.len_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_boundary() {
        let text = "a’b “Zelensky” — £67bn é\u{303}x 🙂 end";
        let map = OffsetMap::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_offset(bi), ci, "byte {bi}");
            assert_eq!(map.byte_offset(ci), Some(bi), "char {ci}");
        }
        assert_eq!(map.char_len(), text.chars().count());
        assert_eq!(map.byte_offset(map.char_len()), Some(text.len()));
        assert_eq!(map.byte_offset(map.char_len() + 1), None);
    }

    #[test]
    fn ascii_is_identity() {
        let map = OffsetMap::new("plain ascii");
        assert_eq!(map.char_offset(5), 5);
        assert_eq!(map.byte_offset(5), Some(5));
    }
}
