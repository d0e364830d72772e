//! New event reports merged into the stored clusters of their merge key,
//! without re-reading the key's history.
//!
//! [`cluster_events`] walks a key's reports in order and puts each into the
//! last cluster opened when it is dated within the window of that
//! cluster's first report, else opens a cluster. The only state is the last
//! cluster opened, so a new report that joins a cluster changes nothing for
//! the reports after it: its member row is new and its cluster's row
//! follows from the stored row and the new member (a row depends on the
//! first report and on totals). Deciding that needs only the key's stored
//! first reports (O(clusters), not O(reports)).
//!
//! A new report that opens a cluster changes nothing either when no stored
//! report after it is dated within its window (the stored reports of the
//! cluster before it are dated within that cluster's window, which the new
//! report is not, so only the next stored first report can be). Otherwise,
//! typically when it sorts before a cluster's first report of the same
//! date, the key is clustered again from it, reading the stored reports a
//! window at a time, until a stored first report opens a cluster again:
//! from there on the state, and so every later cluster, is as stored.

use std::ops::Bound;

use super::*;

/// A keyed report's place in its key's order: (date, article, ord). Keyed
/// reports are dated, so this orders as [`EventIn::order`] does.
type Order = (String, Arc<str>, i64);

fn order_of(e: &EventIn) -> Order {
    (e.date.clone().unwrap_or_default(), e.article.clone(), e.ord)
}

/// A stored merged event: what its row is computed from.
struct StoredEvent {
    event_type: String,
    status: String,
    date_first: Option<String>,
    totals: EventTotals,
}

/// A cluster's first report in the updated clustering.
struct Head {
    target: Target,
    date: Option<String>,
}

/// A report the update puts into a cluster: a new one (`old` is `None`) or
/// a stored one that changes cluster.
struct Placed {
    e: EventIn,
    old: Option<i64>,
    to: Target,
}

/// One key's update: its first reports as the update leaves them, and what
/// changes.
#[derive(Default)]
struct KeyPlan {
    heads: BTreeMap<Order, Head>,
    stored: HashMap<i64, StoredEvent>,
    /// The first reports of the clusters the update opens.
    opened: Vec<EventIn>,
    placed: Vec<Placed>,
    /// Stored clusters whose first report now joins another cluster.
    dropped: BTreeSet<i64>,
    /// No stored report is dated after this.
    last_stored: Option<String>,
}

impl KeyPlan {
    /// The cluster a report at `at` joins: the last one opened before it,
    /// when the report is dated within its window (as [`cluster_events`]).
    fn joins(&self, at: &Order, date: &Option<String>, opts: &MergeOptions) -> Option<Target> {
        let (_, head) = self.heads.range(..at.clone()).next_back()?;
        match (&head.date, date) {
            (Some(f), Some(d)) if days_between(f, d).is_some_and(|n| n <= opts.window_days) => {
                Some(head.target)
            }
            _ => None,
        }
    }

    /// Whether a cluster opened at `at` may take stored reports: the next
    /// stored first report is dated within its window (or a date is odd).
    fn may_capture(&self, at: &Order, date: &Option<String>, opts: &MergeOptions) -> bool {
        let next = self
            .heads
            .range((Bound::Excluded(at.clone()), Bound::Unbounded))
            .next();
        match (next, date) {
            (None, _) => false,
            (Some((_, h)), Some(d)) => match &h.date {
                Some(f) => days_between(d, f).is_none_or(|n| n <= opts.window_days),
                None => true,
            },
            (Some(_), None) => true,
        }
    }

    fn open(&mut self, e: EventIn, old: Option<i64>) {
        let to = Target::New(self.opened.len());
        self.heads.insert(
            order_of(&e),
            Head {
                target: to,
                date: e.date.clone(),
            },
        );
        self.opened.push(e.clone());
        self.placed.push(Placed { e, old, to });
    }

    /// Places a stored report met while clustering again; `false` when it
    /// opens a cluster as it did before (from there on all is as stored).
    fn replace(&mut self, s: StoredReport, opts: &MergeOptions) -> bool {
        let at = order_of(&s.e);
        match (self.joins(&at, &s.e.date, opts), s.was_first) {
            (None, true) => false,
            (None, false) => {
                self.open(s.e, Some(s.merged_id));
                true
            }
            (Some(to), was_first) => {
                if was_first {
                    self.heads.remove(&at);
                    self.dropped.insert(s.merged_id);
                }
                if was_first || to != Target::Stored(s.merged_id) {
                    self.placed.push(Placed {
                        e: s.e,
                        old: Some(s.merged_id),
                        to,
                    });
                }
                true
            }
        }
    }
}

/// A stored report read back for clustering again.
struct StoredReport {
    e: EventIn,
    merged_id: i64,
    was_first: bool,
}

impl Store {
    /// Merges new reports into the stored clusters of their keys (keys no
    /// stored report leaves or joins otherwise), writing as it goes.
    pub(super) fn merge_new_events(
        &mut self,
        mut keys: BTreeMap<String, Vec<EventIn>>,
        names: &dyn Fn(i64) -> String,
        opts: &MergeOptions,
        taken: &mut HashSet<i64>,
    ) -> Result<()> {
        let mut merged_buf = Buffered::new("merged_events", EVENT_COLS);
        let mut member_buf = Buffered::new("merged_event_members", EVENT_MEMBER_COLS);
        let all: Vec<String> = keys.keys().cloned().collect();
        for batch in all.chunks(200) {
            let mut plans = self.event_heads(batch)?;
            for key in batch {
                let mut new = keys.remove(key).unwrap_or_default();
                new.sort_by(|a, b| a.order().cmp(&b.order()));
                let mut plan = plans.remove(key).unwrap_or_default();
                self.place_events(&mut plan, new, opts)?;
                let rows = self.event_plan_rows(key, plan, names, opts, taken)?;
                for row in rows.0 {
                    merged_buf.push(self, row)?;
                }
                for row in rows.1 {
                    member_buf.push(self, row)?;
                }
            }
        }
        merged_buf.flush(self)?;
        member_buf.flush(self)
    }

    /// The stored first reports of `keys` with their clusters' rows.
    fn event_heads(&mut self, keys: &[String]) -> Result<HashMap<String, KeyPlan>> {
        let mut plans: HashMap<String, KeyPlan> = HashMap::new();
        let values: Vec<Value> = keys.iter().map(|k| k.as_str().into()).collect();
        self.by_values(
            "SELECT m.merge_key, m.article_id, m.event_ord, g.id, g.type, g.status,
                    g.date_first, g.date_last, g.actors, g.targets, g.reports, g.sources
             FROM merged_event_members m
             JOIN merged_events g ON g.id = m.merged_id
             WHERE m.merge_key IN (?) AND m.reason = 'first report'",
            &values,
            &mut |r| {
                let plan = plans.entry(r.string(0)).or_default();
                let id = r.int(3).unwrap_or(0);
                let date_first = r.text(6);
                let totals = EventTotals {
                    actors: ids_of(&r.string(8)),
                    targets: ids_of(&r.string(9)),
                    date_last: r.text(7),
                    reports: r.int(10).unwrap_or(0) as usize,
                    sources: r.int(11).unwrap_or(0) as usize,
                };
                if totals.date_last > plan.last_stored {
                    plan.last_stored = totals.date_last.clone();
                }
                let at = (
                    date_first.clone().unwrap_or_default(),
                    Arc::from(r.string(1)),
                    r.int(2).unwrap_or(0),
                );
                plan.heads.insert(
                    at,
                    Head {
                        target: Target::Stored(id),
                        date: date_first.clone(),
                    },
                );
                plan.stored.insert(
                    id,
                    StoredEvent {
                        event_type: r.string(4),
                        status: r.string(5),
                        date_first,
                        totals,
                    },
                );
                Ok(())
            },
        )?;
        Ok(plans)
    }

    /// Places a key's new reports (in order): each joins or opens a
    /// cluster; one that opens a cluster stored reports may fall into
    /// starts clustering the key again from it.
    fn place_events(
        &mut self,
        plan: &mut KeyPlan,
        new: Vec<EventIn>,
        opts: &MergeOptions,
    ) -> Result<()> {
        let mut new = new.into_iter().peekable();
        while let Some(e) = new.next() {
            let at = order_of(&e);
            if let Some(to) = plan.joins(&at, &e.date, opts) {
                plan.placed.push(Placed { e, old: None, to });
            } else if !plan.may_capture(&at, &e.date, opts) {
                plan.open(e, None);
            } else {
                self.recluster_events(plan, e, &mut new, opts)?;
            }
        }
        Ok(())
    }

    /// Clusters a key again from `first` (a new report that opens a
    /// cluster), reading its stored reports a window at a time and placing
    /// the new reports met on the way, until a stored first report opens a
    /// cluster as before.
    fn recluster_events(
        &mut self,
        plan: &mut KeyPlan,
        first: EventIn,
        new: &mut std::iter::Peekable<std::vec::IntoIter<EventIn>>,
        opts: &MergeOptions,
    ) -> Result<()> {
        let from = order_of(&first);
        plan.open(first, None);
        let mut lo = from.0.clone();
        loop {
            // A window as long as the event window: when it holds no stored
            // report, the next one is a first report (see below).
            let Some(hi) = shift_date(&lo, opts.window_days) else {
                return Err(crate::Error::Invalid(format!("odd event date {lo}")));
            };
            let stored = self.stored_reports(plan, (&lo, &hi), &from, opts)?;
            let empty = stored.is_empty();
            let mut stored = stored.into_iter().peekable();
            loop {
                let next_new = new
                    .peek()
                    .filter(|e| e.date.as_deref() <= Some(hi.as_str()));
                let take_new = match (stored.peek(), next_new) {
                    (_, None) => false,
                    (None, Some(_)) => true,
                    (Some(s), Some(e)) => order_of(e) < order_of(&s.e),
                };
                if take_new {
                    let e = new.next().expect("peeked");
                    let at = order_of(&e);
                    match plan.joins(&at, &e.date, opts) {
                        Some(to) => plan.placed.push(Placed { e, old: None, to }),
                        None => plan.open(e, None),
                    }
                    continue;
                }
                let Some(s) = stored.next() else { break };
                if !plan.replace(s, opts) {
                    return Ok(());
                }
            }
            let Some(next) = shift_date(&hi, 1) else {
                return Ok(());
            };
            if plan
                .last_stored
                .as_deref()
                .is_none_or(|l| next.as_str() > l)
            {
                // No stored report left: later new reports are placed as usual.
                return Ok(());
            }
            // Stored reports dated after an empty window belong to a first
            // report after it (a member is dated within the window of its
            // cluster's first report), so skip to the next one.
            lo = if empty {
                let after = (hi.clone(), Arc::from("\u{10ffff}"), i64::MAX);
                match plan
                    .heads
                    .range((Bound::Excluded(after), Bound::Unbounded))
                    .find(|(_, h)| matches!(h.target, Target::Stored(_)))
                {
                    Some((at, _)) if plain_date(&at.0) => at.0.clone().max(next),
                    Some(_) => next,
                    None => return Ok(()),
                }
            } else {
                next
            };
        }
    }

    /// The key's stored reports dated from `lo` to `hi`, after `from`, in
    /// order: members of the stored clusters whose first report is dated
    /// within the window before `hi` (a member is dated within the window
    /// of its first report).
    fn stored_reports(
        &mut self,
        plan: &KeyPlan,
        (lo, hi): (&str, &str),
        from: &Order,
        opts: &MergeOptions,
    ) -> Result<Vec<StoredReport>> {
        let floor = shift_date(lo, -opts.window_days).unwrap_or_default();
        let ids: Vec<Value> = plan
            .stored
            .iter()
            .filter(|(_, s)| {
                s.date_first
                    .as_deref()
                    .is_some_and(|d| d >= floor.as_str() && d <= hi)
            })
            .map(|(&id, _)| Value::Int(id))
            .collect();
        let mut out = Vec::new();
        self.by_values(
            "SELECT m.article_id, m.event_ord, m.merged_id, m.reason, m.actors, m.targets,
                    e.type, e.status, e.date
             FROM merged_event_members m
             JOIN events e ON e.article_id = m.article_id AND e.ord = m.event_ord
             WHERE m.merged_id IN (?)",
            &ids,
            &mut |r| {
                let e = EventIn {
                    actors: ids_of(&r.string(4)),
                    targets: ids_of(&r.string(5)),
                    ..EventIn::from_row(&r, 6, Arc::from(r.string(0)), r.int(1).unwrap_or(0))
                };
                let dated = e.date.as_deref().is_some_and(|d| d >= lo && d <= hi);
                if dated && order_of(&e) > *from {
                    out.push(StoredReport {
                        e,
                        merged_id: r.int(2).unwrap_or(0),
                        was_first: r.string(3) == "first report",
                    });
                }
                Ok(())
            },
        )?;
        out.sort_by(|a, b| a.e.order().cmp(&b.e.order()));
        Ok(out)
    }

    /// Deletes what a key's plan replaces; returns the merged rows and
    /// member rows to insert.
    fn event_plan_rows(
        &mut self,
        key: &str,
        plan: KeyPlan,
        names: &dyn Fn(i64) -> String,
        opts: &MergeOptions,
        taken: &mut HashSet<i64>,
    ) -> Result<NewRows> {
        let KeyPlan {
            mut stored,
            opened,
            placed,
            dropped,
            ..
        } = plan;
        let dropped_ids: Vec<Value> = dropped.iter().map(|&id| Value::Int(id)).collect();
        self.delete_in("merged_event_members", "merged_id", &dropped_ids)?;
        self.delete_in("merged_events", "id", &dropped_ids)?;
        // Stored clusters that lose a member or gain a stored one are
        // totalled again from their members; the others add the new ones.
        let Moves {
            recount,
            mut gains,
            moved,
        } = Moves::of(
            placed.iter().map(|p| Placement {
                old: p.old,
                to: p.to,
                key: (p.e.article.as_ref(), p.e.ord),
                gain: &p.e,
            }),
            &dropped,
        );
        self.delete_members("merged_event_members", "event_ord", &moved)?;
        let mut merged_rows = Vec::new();
        let touched: BTreeSet<i64> = recount
            .iter()
            .chain(gains.keys())
            .filter(|id| stored.contains_key(id))
            .copied()
            .collect();
        // Kept ids: no new cluster may take one past a collision.
        taken.extend(touched.iter().copied());
        // Their rows are written again.
        let ids: Vec<Value> = touched.iter().map(|&id| Value::Int(id)).collect();
        self.delete_in("merged_events", "id", &ids)?;
        for id in touched {
            let Some(old) = stored.remove(&id) else {
                continue;
            };
            let gained = gains.remove(&id).unwrap_or_default();
            let totals = if recount.contains(&id) {
                let mut members = self.event_cluster_members(id)?;
                members.extend(gained.into_iter().cloned());
                let refs: Vec<&EventIn> = members.iter().collect();
                EventTotals::of(&refs)
            } else {
                let mut totals = old.totals;
                let articles: BTreeSet<&str> = gained.iter().map(|e| e.article.as_ref()).collect();
                totals.sources += articles.len();
                for e in gained {
                    totals.add(e);
                }
                totals
            };
            merged_rows.push(merged_event_row(
                id,
                (&old.event_type, &old.status),
                &old.date_first,
                &totals,
                names,
                opts,
            ));
            stored.insert(
                id,
                StoredEvent {
                    totals: EventTotals::default(),
                    ..old
                },
            );
        }
        // The clusters the update opens, with their members.
        let wanted: Vec<i64> = opened
            .iter()
            .map(|e| stable_id(&event_id_seed(&e.article, e.ord)))
            .collect();
        let new_ids = self.assign_ids("merged_events", &wanted, taken)?;
        let members_of = opened_members(opened.len(), placed.iter().map(|p| (p.to, &p.e)));
        for ((first, members), &id) in opened.iter().zip(&members_of).zip(&new_ids) {
            merged_rows.push(merged_event_row(
                id,
                (&first.event_type, &first.status),
                &first.date,
                &EventTotals::of(members),
                names,
                opts,
            ));
        }
        let member_rows = placed
            .iter()
            .map(|p| match p.to {
                Target::Stored(id) => {
                    let first_date = stored.get(&id).and_then(|s| s.date_first.clone());
                    event_member_row(id, &first_date, &p.e, false, Some(key))
                }
                Target::New(k) => {
                    let first = &opened[k];
                    let is_first = first.article == p.e.article && first.ord == p.e.ord;
                    event_member_row(new_ids[k], &first.date, &p.e, is_first, Some(key))
                }
            })
            .collect();
        Ok((merged_rows, member_rows))
    }

    /// The stored members of a merged event.
    fn event_cluster_members(&mut self, id: i64) -> Result<Vec<EventIn>> {
        let mut out = Vec::new();
        self.conn.for_each(
            "SELECT m.article_id, m.event_ord, m.actors, m.targets, e.type, e.status, e.date
             FROM merged_event_members m
             JOIN events e ON e.article_id = m.article_id AND e.ord = m.event_ord
             WHERE m.merged_id = $1",
            &[Value::Int(id)],
            &mut |r| {
                out.push(EventIn {
                    actors: ids_of(&r.string(2)),
                    targets: ids_of(&r.string(3)),
                    ..EventIn::from_row(&r, 4, Arc::from(r.string(0)), r.int(1).unwrap_or(0))
                });
                Ok(())
            },
        )?;
        Ok(out)
    }
}
