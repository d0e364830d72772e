//! Reading articles from files and stdin with explicit limits and clear errors.
