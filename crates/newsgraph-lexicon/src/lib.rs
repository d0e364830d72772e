//! Knowledge as data: countries, places, organisations, titles, first names, groups; embedded defaults plus user files.
