//! New quotes merged into the stored clusters of their speaker, without
//! re-reading the speaker's history.
//!
//! [`cluster_quotes_from`] walks a speaker's quotes in order; each joins the
//! most similar cluster among those opened before it whose first report is
//! dated within the quote window, else opens a cluster. The state a quote
//! is decided by is the set of first reports within the window before it,
//! so a new quote that joins a cluster changes nothing for the quotes
//! after it: its member row is new and its cluster's row follows from the
//! stored row (a row depends on the first report and on counts). Deciding
//! that needs only the speaker's stored first reports dated within the
//! window (O(clusters), not O(quotes)).
//!
//! A new quote that opens a cluster may take later quotes away from their
//! clusters, and a first report that now joins another cluster lets its
//! members choose again; each such change may cascade. A stored quote can
//! only choose otherwise when a first report it may join (sharing at least
//! the similarity threshold s of its words, dated within the window before
//! it) opens or closes. Its own cluster's first report then shares at least
//! 2s − 1 of its words with that one (Jaccard distance is a metric), so
//! after each change only the members of stored clusters whose first report
//! is that near and dated within the window either side are read back and
//! placed again, in order with the new quotes: in a corpus of copies, the
//! cluster a new copy takes over, not the speaker's history.

use super::*;

/// A dated quote's place in its speaker's order: (date, article, ord), as
/// [`QuoteIn::order`] orders dated quotes.
type Order = (String, Arc<str>, i64);

fn order_of(q: &QuoteIn) -> Order {
    (q.date.clone().unwrap_or_default(), q.article.clone(), q.ord)
}

/// A cluster's first report, as choosing a cluster needs it.
struct Rep {
    target: Target,
    date: String,
    words: Vec<u64>,
}

/// A speaker's first reports as the update leaves them, with the bottom-3
/// sketch [`cluster_quotes_from`] finds candidates by.
#[derive(Default)]
struct Reps {
    by_order: BTreeMap<Order, Rep>,
    sketch: HashMap<u64, BTreeSet<Order>>,
}

impl Reps {
    fn insert(&mut self, at: Order, rep: Rep) {
        for &h in rep.words.iter().take(3) {
            self.sketch.entry(h).or_default().insert(at.clone());
        }
        self.by_order.insert(at, rep);
    }

    fn remove(&mut self, at: &Order) {
        if let Some(rep) = self.by_order.remove(at) {
            for h in rep.words.iter().take(3) {
                if let Some(set) = self.sketch.get_mut(h) {
                    set.remove(at);
                }
            }
        }
    }

    /// The cluster a mergeable quote at `at` joins and its similarity, as
    /// [`cluster_quotes_from`] chooses: candidates in the order of the
    /// quote's sketch hashes, then in the order the clusters were opened;
    /// the first of the most similar wins.
    fn choose(&self, at: &Order, q: &QuoteIn, opts: &MergeOptions) -> Option<(Target, f64)> {
        let date = q.date.as_deref()?;
        // Clusters opened earlier than this are out of the window anyway.
        let floor: Order = (
            shift_date(date, -opts.quote_window_days)?,
            Arc::from(""),
            i64::MIN,
        );
        let mut best: Option<(&Order, f64)> = None;
        let mut seen: HashSet<&Order> = HashSet::new();
        for h in q.words.iter().take(3) {
            let Some(set) = self.sketch.get(h) else {
                continue;
            };
            for o in set.range(floor.clone()..at.clone()) {
                if !seen.insert(o) {
                    continue;
                }
                let rep = &self.by_order[o];
                if days_between(&rep.date, date).is_none_or(|n| n > opts.quote_window_days) {
                    continue;
                }
                let sim = jaccard(&rep.words, &q.words);
                if sim >= opts.quote_similarity && best.is_none_or(|(_, s)| sim > s) {
                    best = Some((o, sim));
                }
            }
        }
        best.map(|(o, sim)| (self.by_order[o].target, sim))
    }
}

/// A stored merged quote: what its row is computed from.
struct StoredQuote {
    content: String,
    date: Option<String>,
    reports: usize,
    sources: usize,
}

/// A quote the update puts into a cluster: a new one (`old` is `None`) or
/// a stored one that changes cluster or similarity.
struct Placed {
    article: Arc<str>,
    ord: i64,
    old: Option<i64>,
    to: Target,
    sim: f64,
}

/// A stored quote read back for clustering again.
struct StoredMember {
    q: QuoteIn,
    merged_id: i64,
    sim: f64,
    was_first: bool,
}

/// One speaker's update.
#[derive(Default)]
struct SpeakerPlan {
    reps: Reps,
    stored: HashMap<i64, StoredQuote>,
    /// The first reports of the clusters the update opens (without words).
    opened: Vec<QuoteIn>,
    placed: Vec<Placed>,
    /// Stored clusters whose first report now joins another cluster.
    dropped: BTreeSet<i64>,
    /// The stored first reports loaded (dated up to `heads_to`), kept when
    /// they close: the clusters that may have to be read back.
    heads: BTreeMap<Order, (i64, Vec<u64>)>,
    heads_to: String,
    /// Stored clusters whose members were read back.
    read: HashSet<i64>,
    /// Stored quotes read back and not placed yet.
    pending: BTreeMap<Order, StoredMember>,
}

impl SpeakerPlan {
    fn open(&mut self, q: QuoteIn, old: Option<i64>) {
        let to = Target::New(self.opened.len());
        self.placed.push(Placed {
            article: q.article.clone(),
            ord: q.ord,
            old,
            to,
            sim: 1.0,
        });
        let at = order_of(&q);
        let rep = Rep {
            target: to,
            date: at.0.clone(),
            words: q.words,
        };
        self.reps.insert(at, rep);
        self.opened.push(QuoteIn {
            words: Vec::new(),
            ..q
        });
    }

    /// Places a new quote; whether it opened a cluster.
    fn place_new(&mut self, q: QuoteIn, opts: &MergeOptions) -> bool {
        match self.reps.choose(&order_of(&q), &q, opts) {
            Some((to, sim)) => {
                self.placed.push(Placed {
                    article: q.article,
                    ord: q.ord,
                    old: None,
                    to,
                    sim,
                });
                false
            }
            None => {
                self.open(q, None);
                true
            }
        }
    }

    /// Places a stored quote met while clustering again; whether the first
    /// reports changed (it opens a cluster now or no longer does).
    fn replace(&mut self, s: StoredMember, opts: &MergeOptions) -> bool {
        let at = order_of(&s.q);
        match (self.reps.choose(&at, &s.q, opts), s.was_first) {
            (None, true) => {
                if !self.reps.by_order.contains_key(&at) {
                    let rep = Rep {
                        target: Target::Stored(s.merged_id),
                        date: at.0.clone(),
                        words: s.q.words,
                    };
                    self.reps.insert(at, rep);
                }
                false
            }
            (None, false) => {
                self.open(s.q, Some(s.merged_id));
                true
            }
            (Some((to, sim)), was_first) => {
                if was_first {
                    self.reps.remove(&at);
                    self.dropped.insert(s.merged_id);
                }
                if was_first || to != Target::Stored(s.merged_id) || sim != s.sim {
                    self.placed.push(Placed {
                        article: s.q.article,
                        ord: s.q.ord,
                        old: Some(s.merged_id),
                        to,
                        sim,
                    });
                }
                was_first
            }
        }
    }
}

impl Store {
    /// Merges a speaker's new mergeable quotes (dated as `%Y-%m-%d`) into
    /// the stored clusters; the rows to insert go to the buffers (after
    /// what they replace is deleted).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn merge_new_quotes(
        &mut self,
        speaker: i64,
        mut new: Vec<QuoteIn>,
        names: &dyn Fn(i64) -> String,
        opts: &MergeOptions,
        taken: &mut HashSet<i64>,
        merged_buf: &mut Buffered,
        member_buf: &mut Buffered,
    ) -> Result<()> {
        new.sort_by(|a, b| a.order().cmp(&b.order()));
        let (Some(first), Some(last)) = (new.first(), new.last()) else {
            return Ok(());
        };
        let lo = shift_date(
            first.date.as_deref().unwrap_or_default(),
            -opts.quote_window_days,
        )
        .unwrap_or_default();
        let hi = last.date.clone().unwrap_or_default();
        let mut plan = SpeakerPlan::default();
        self.load_heads(speaker, &mut plan, &lo, &hi)?;
        // New quotes and the stored quotes read back, in order.
        let mut new = new.into_iter().peekable();
        loop {
            let take_new = match (new.peek(), plan.pending.first_key_value()) {
                (None, None) => break,
                (Some(q), Some((at, _))) => order_of(q) < *at,
                (Some(_), None) => true,
                (None, Some(_)) => false,
            };
            let (at, words, changed) = if take_new {
                let q = new.next().expect("peeked");
                let (at, words) = (order_of(&q), q.words.clone());
                (at, words, plan.place_new(q, opts))
            } else {
                let (at, s) = plan.pending.pop_first().expect("peeked");
                let words = s.q.words.clone();
                (at, words, plan.replace(s, opts))
            };
            if changed {
                self.read_back_near(speaker, &mut plan, &at, &words, opts)?;
            }
        }
        let (merged, members) = self.quote_plan_rows(speaker, plan, names, opts, taken)?;
        for row in merged {
            merged_buf.push(self, row)?;
        }
        for row in members {
            member_buf.push(self, row)?;
        }
        Ok(())
    }

    /// Loads the speaker's stored first reports dated from `lo` to `hi`
    /// (those not loaded yet), with their clusters' rows.
    fn load_heads(
        &mut self,
        speaker: i64,
        plan: &mut SpeakerPlan,
        lo: &str,
        hi: &str,
    ) -> Result<()> {
        self.conn.for_each(
            "SELECT g.id, g.content, g.date_first, g.reports, g.sources, m.article_id, m.quote_ord
             FROM merged_quotes g JOIN merged_quote_members m ON m.merged_id = g.id
             WHERE g.speaker = $1 AND g.date_first >= $2 AND g.date_first <= $3
               AND m.reason = 'first report'",
            &[Value::Int(speaker), lo.into(), hi.into()],
            &mut |r| {
                let id = r.int(0).unwrap_or(0);
                if plan.stored.contains_key(&id) {
                    return Ok(());
                }
                let content = r.string(1);
                let date = r.string(2);
                let words = word_hashes(&content);
                if !words.is_empty() {
                    let at = (date.clone(), Arc::from(r.string(5)), r.int(6).unwrap_or(0));
                    plan.heads.insert(at.clone(), (id, words.clone()));
                    let rep = Rep {
                        target: Target::Stored(id),
                        date: date.clone(),
                        words,
                    };
                    plan.reps.insert(at, rep);
                }
                plan.stored.insert(
                    id,
                    StoredQuote {
                        content,
                        date: Some(date),
                        reports: r.int(3).unwrap_or(0) as usize,
                        sources: r.int(4).unwrap_or(0) as usize,
                    },
                );
                Ok(())
            },
        )?;
        if hi > plan.heads_to.as_str() {
            plan.heads_to = hi.to_string();
        }
        Ok(())
    }

    /// After a cluster with first report `words` opened or closed at `at`,
    /// queues the stored quotes after it that may now choose otherwise: the
    /// members of the stored clusters whose first report is dated within
    /// the window either side and shares at least 2s − 1 of its words with
    /// `words` (see the module documentation).
    fn read_back_near(
        &mut self,
        speaker: i64,
        plan: &mut SpeakerPlan,
        at: &Order,
        words: &[u64],
        opts: &MergeOptions,
    ) -> Result<()> {
        let days = opts.quote_window_days;
        let (Some(lo), Some(hi)) = (shift_date(&at.0, -days), shift_date(&at.0, days)) else {
            return Ok(());
        };
        if hi > plan.heads_to {
            let from = plan.heads_to.clone();
            self.load_heads(speaker, plan, &from, &hi)?;
        }
        // Below 2s − 1 by a rounding error's margin at most.
        let near = 2.0 * opts.quote_similarity - 1.0 - 1e-9;
        let floor: Order = (lo, Arc::from(""), i64::MIN);
        let clusters: Vec<i64> = plan
            .heads
            .range(floor..)
            .take_while(|(o, _)| o.0 <= hi)
            .filter(|(_, (id, w))| !plan.read.contains(id) && jaccard(w, words) >= near)
            .map(|(_, (id, _))| *id)
            .collect();
        for id in clusters {
            plan.read.insert(id);
            for s in self.stored_cluster_quotes(speaker, id)? {
                let o = order_of(&s.q);
                if o > *at && mergeable(&s.q) {
                    plan.pending.insert(o, s);
                }
            }
        }
        Ok(())
    }

    /// A stored merged quote's members, as read back for placing again.
    fn stored_cluster_quotes(&mut self, speaker: i64, id: i64) -> Result<Vec<StoredMember>> {
        let mut out = Vec::new();
        self.conn.for_each(
            "SELECT m.article_id, m.quote_ord, m.similarity, m.reason, q.content, a.published
             FROM merged_quote_members m
             JOIN quotes q ON q.article_id = m.article_id AND q.ord = m.quote_ord
             JOIN articles a ON a.id = m.article_id
             WHERE m.merged_id = $1",
            &[Value::Int(id)],
            &mut |r| {
                let content = r.string(4);
                out.push(StoredMember {
                    q: QuoteIn {
                        article: Arc::from(r.string(0)),
                        ord: r.int(1).unwrap_or(0),
                        speaker: Some(speaker),
                        words: word_hashes(&content),
                        content,
                        date: r.text(5),
                    },
                    merged_id: id,
                    sim: r.real(2).unwrap_or(0.0),
                    was_first: r.string(3) == "first report",
                });
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// Deletes what a speaker's plan replaces; returns the merged rows and
    /// member rows to insert.
    fn quote_plan_rows(
        &mut self,
        speaker: i64,
        plan: SpeakerPlan,
        names: &dyn Fn(i64) -> String,
        opts: &MergeOptions,
        taken: &mut HashSet<i64>,
    ) -> Result<NewRows> {
        let SpeakerPlan {
            mut stored,
            opened,
            placed,
            dropped,
            ..
        } = plan;
        let dropped_ids: Vec<Value> = dropped.iter().map(|&id| Value::Int(id)).collect();
        self.delete_in("merged_quote_members", "merged_id", &dropped_ids)?;
        self.delete_in("merged_quotes", "id", &dropped_ids)?;
        // Stored clusters that lose a member or gain a stored one are
        // counted again from their members; the others add the new ones.
        let Moves {
            recount,
            mut gains,
            moved,
        } = Moves::of(
            placed.iter().map(|p| Placement {
                old: p.old,
                to: p.to,
                key: (p.article.as_ref(), p.ord),
                gain: p.article.as_ref(),
            }),
            &dropped,
        );
        self.delete_members("merged_quote_members", "quote_ord", &moved)?;
        let mut merged_rows = Vec::new();
        let touched: BTreeSet<i64> = recount.iter().chain(gains.keys()).copied().collect();
        // Kept ids: no new cluster may take one past a collision.
        taken.extend(touched.iter().copied());
        // Their rows are written again (from the stored rows, read first).
        let unread: Vec<i64> = touched
            .iter()
            .filter(|id| !stored.contains_key(id))
            .copied()
            .collect();
        for id in unread {
            let row = self.stored_quote(id)?;
            stored.insert(id, row);
        }
        let ids: Vec<Value> = touched.iter().map(|&id| Value::Int(id)).collect();
        self.delete_in("merged_quotes", "id", &ids)?;
        for id in touched {
            let Some(old) = stored.remove(&id) else {
                continue;
            };
            let gained = gains.remove(&id).unwrap_or_default();
            let (reports, sources) = if recount.contains(&id) {
                let mut articles: Vec<String> = self
                    .conn
                    .query(
                        "SELECT article_id FROM merged_quote_members WHERE merged_id = $1",
                        &[Value::Int(id)],
                    )?
                    .iter()
                    .map(|r| r.string(0))
                    .collect();
                articles.extend(gained.iter().map(|a| a.to_string()));
                let distinct: BTreeSet<&String> = articles.iter().collect();
                (articles.len(), distinct.len())
            } else {
                let distinct: BTreeSet<&str> = gained.iter().copied().collect();
                (old.reports + gained.len(), old.sources + distinct.len())
            };
            let first = QuoteIn {
                article: Arc::from(""),
                ord: 0,
                speaker: Some(speaker),
                content: old.content,
                date: old.date,
                words: Vec::new(),
            };
            merged_rows.push(merged_quote_row(id, &first, reports, sources, names, opts));
        }
        // The clusters the update opens, with their members.
        let wanted: Vec<i64> = opened
            .iter()
            .map(|q| stable_id(&quote_id_seed(&q.article, q.ord)))
            .collect();
        let new_ids = self.assign_ids("merged_quotes", &wanted, taken)?;
        let members_of = opened_members(
            opened.len(),
            placed.iter().map(|p| (p.to, p.article.as_ref())),
        );
        for ((first, members), &id) in opened.iter().zip(&members_of).zip(&new_ids) {
            let distinct: BTreeSet<&str> = members.iter().copied().collect();
            merged_rows.push(merged_quote_row(
                id,
                first,
                members.len(),
                distinct.len(),
                names,
                opts,
            ));
        }
        let member_rows = placed
            .iter()
            .map(|p| {
                let (id, is_first) = match p.to {
                    Target::Stored(id) => (id, false),
                    Target::New(k) => {
                        let first = &opened[k];
                        (new_ids[k], first.article == p.article && first.ord == p.ord)
                    }
                };
                quote_member_row(&p.article, p.ord, id, p.sim, is_first)
            })
            .collect();
        Ok((merged_rows, member_rows))
    }

    /// A stored merged quote's row.
    fn stored_quote(&mut self, id: i64) -> Result<StoredQuote> {
        let rows = self.conn.query(
            "SELECT content, date_first, reports, sources FROM merged_quotes WHERE id = $1",
            &[Value::Int(id)],
        )?;
        let r = rows
            .first()
            .ok_or_else(|| crate::Error::Invalid(format!("merged quote {id} is missing")))?;
        Ok(StoredQuote {
            content: r.string(0),
            date: r.text(1),
            reports: r.int(2).unwrap_or(0) as usize,
            sources: r.int(3).unwrap_or(0) as usize,
        })
    }
}
