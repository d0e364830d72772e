//! Figures and dates: money, durations, deadlines, counts, percentages, and date expressions resolved against the publication date.
