//! Parsers for the TSV data files. Each file documents its columns in its
//! `#` header; a malformed line is an error naming file and line.

use crate::*;
use rustc_hash::FxHashMap as HashMap;

fn rows<'a>(
    path: &'a str,
    text: &'a str,
    columns: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>)>> + 'a {
    text.lines().enumerate().filter_map(move |(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cells.len() < columns {
            return Some(Err(Error::Parse {
                path: path.to_string(),
                line: i + 1,
                message: format!(
                    "expected {columns} tab-separated columns, found {}",
                    cells.len()
                ),
            }));
        }
        Some(Ok((i + 1, cells)))
    })
}

fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn opt(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_string())
}

fn gender(path: &str, line: usize, cell: &str) -> Result<Option<Gender>> {
    Ok(match cell {
        "" => None,
        "m" | "male" => Some(Gender::Male),
        "f" | "female" => Some(Gender::Female),
        "u" => Some(Gender::Unisex),
        other => {
            return Err(Error::Parse {
                path: path.to_string(),
                line,
                message: format!("gender {other:?} is not m, f or u"),
            })
        }
    })
}

pub(crate) fn countries(path: &str, text: &str) -> Result<Vec<Country>> {
    rows(path, text, 6)
        .map(|r| {
            let (_, c) = r?;
            Ok(Country {
                iso3: c[0].to_string(),
                name: c[1].to_string(),
                aliases: list(c[2]),
                adjectives: list(c[3]),
                people: list(c[4]),
                capital: list(c[5]),
            })
        })
        .collect()
}

pub(crate) fn places(path: &str, text: &str) -> Result<Vec<Place>> {
    rows(path, text, 5)
        .map(|r| {
            let (_, c) = r?;
            Ok(Place {
                name: c[0].to_string(),
                aliases: list(c[1]),
                country: opt(c[2]),
                kind: c[3].to_string(),
                stands_for: opt(c[4]),
            })
        })
        .collect()
}

pub(crate) fn organisations(path: &str, text: &str) -> Result<Vec<Organisation>> {
    rows(path, text, 6)
        .map(|r| {
            let (_, c) = r?;
            Ok(Organisation {
                name: c[0].to_string(),
                aliases: list(c[1]),
                kind: c[2].to_string(),
                country: opt(c[3]),
                sector: opt(c[4]),
                place: c[5] == "yes",
            })
        })
        .collect()
}

pub(crate) fn titles(path: &str, text: &str) -> Result<Vec<Title>> {
    rows(path, text, 6)
        .map(|r| {
            let (line, c) = r?;
            Ok(Title {
                title: c[0].to_string(),
                aliases: list(c[1]),
                sector: opt(c[2]),
                gender: gender(path, line, c[3])?,
                unique: c[4] == "yes",
                rank: c[5].parse().unwrap_or(30),
            })
        })
        .collect()
}

pub(crate) fn groups(path: &str, text: &str) -> Result<Vec<GroupNoun>> {
    rows(path, text, 4)
        .map(|r| {
            let (_, c) = r?;
            Ok(GroupNoun {
                noun: c[0].to_string(),
                singular: c[1].to_string(),
                sector: opt(c[2]),
                kind: c[3].to_string(),
            })
        })
        .collect()
}

pub(crate) fn regions(path: &str, text: &str) -> Result<Vec<Region>> {
    rows(path, text, 3)
        .map(|r| {
            let (_, c) = r?;
            Ok(Region {
                adjective: c[0].to_string(),
                people: list(c[1]),
                name: c[2].to_string(),
            })
        })
        .collect()
}

pub(crate) fn first_names(path: &str, text: &str) -> Result<HashMap<String, Gender>> {
    rows(path, text, 2)
        .map(|r| {
            let (line, c) = r?;
            let g = gender(path, line, c[1])?.unwrap_or(Gender::Unisex);
            Ok((c[0].to_string(), g))
        })
        .collect()
}

pub(crate) fn non_names(path: &str, text: &str) -> Result<HashMap<String, String>> {
    rows(path, text, 2)
        .map(|r| {
            let (_, c) = r?;
            Ok((c[0].to_string(), c[1].to_string()))
        })
        .collect()
}

pub(crate) fn org_heads(path: &str, text: &str) -> Result<Vec<String>> {
    rows(path, text, 1)
        .map(|r| r.map(|(_, c)| c[0].to_string()))
        .collect()
}

pub(crate) fn pronouns(path: &str, text: &str) -> Result<HashMap<String, Pronoun>> {
    rows(path, text, 4)
        .map(|r| {
            let (line, c) = r?;
            let number = match c[2] {
                "pl" => PronounNumber::Plural,
                "first" => PronounNumber::First,
                _ => PronounNumber::Singular,
            };
            let g = gender(path, line, c[1])?.filter(|g| *g != Gender::Unisex);
            Ok((
                c[0].to_lowercase(),
                Pronoun {
                    gender: g,
                    number,
                    possessive: c[3] == "poss",
                },
            ))
        })
        .collect()
}
