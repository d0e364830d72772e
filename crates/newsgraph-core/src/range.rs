//! Byte ranges into the document text.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `[start, end)` into a document's text.
///
/// **Invariant:** `start <= end`, and both lie on UTF-8 character boundaries
/// of the text the range was made for. Every layer stores `TextRange`s;
/// conversion to code-point offsets happens only when writing output
/// (see [`crate::OffsetMap`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// Makes a range. Panics if `start > end`, which is always a bug in the caller.
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "TextRange start {start} > end {end}");
        debug_assert!(end <= u32::MAX as usize);
        TextRange {
            start: start as u32,
            end: end as u32,
        }
    }

    /// An empty range at `offset`.
    #[inline]
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    #[inline]
    pub fn start(self) -> usize {
        self.start as usize
    }

    #[inline]
    pub fn end(self) -> usize {
        self.end as usize
    }

    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies wholly inside `self`.
    #[inline]
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the byte `offset` lies inside `self`.
    #[inline]
    pub fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// True when the two ranges share at least one byte.
    #[inline]
    pub fn intersects(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest range covering both.
    #[inline]
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this range covers. Panics when the range does not fit `text`.
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.start()..self.end()]
    }

    #[inline]
    pub fn as_range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl From<Range<usize>> for TextRange {
    fn from(r: Range<usize>) -> Self {
        TextRange::new(r.start, r.end)
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_and_intersect() {
        let a = TextRange::new(2, 5);
        let b = TextRange::new(4, 9);
        assert!(a.intersects(b));
        assert_eq!(a.cover(b), TextRange::new(2, 9));
        assert!(!a.intersects(TextRange::new(5, 6)));
        assert!(TextRange::new(0, 10).contains_range(a));
        assert!(a.contains(4) && !a.contains(5));
    }

    #[test]
    #[should_panic]
    fn reversed_range_panics() {
        let _ = TextRange::new(3, 2);
    }
}
