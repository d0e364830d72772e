//! Segmentation: blocks (paragraphs, headings, list items), sentences and tokens.
