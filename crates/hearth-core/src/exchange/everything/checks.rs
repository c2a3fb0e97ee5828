//! Checking the version-2 lists before anything is written: each record
//! follows the rules new writing follows, so a damaged or hand-edited file
//! is refused whole with a sentence that says which record.

use std::collections::HashSet;

use crate::commitments::{CHECK_NOTE_MAX_CHARS, DETAILS_MAX_CHARS};
use crate::error::Result;
use crate::exchange::checks::{offset_ok, partner_ok, same};
use crate::exchange::import::damaged;
use crate::exchange::ExportFile;
use crate::rituals::{
    DURATION_MAX_MINUTES, DURATION_MIN_MINUTES, INTENTION_MAX_CHARS, LEAD_MAX_MINUTES,
    NOTE_MAX_CHARS,
};
use crate::schedule::{parse_time, parse_zone, Schedule};
use crate::stamp::is_uid;
use crate::text::{long_text, optional_label, short_label};

use super::SETTING_KEYS;

const ANSWER_MAX_CHARS: usize = 5000;
const DRAFT_MAX_BYTES: usize = 1_000_000;

fn text_ok(text: &Option<String>, max: usize, what: &str) -> Result<()> {
    match text {
        Some(t) => same(long_text(t, "text", max).ok(), &Some(t.clone()), what),
        None => Ok(()),
    }
}

fn id_ok(id: Option<i64>, what: &str) -> Result<()> {
    same(
        id.map_or(true, |id| id > 0),
        &true,
        &format!("{what} has an invalid id"),
    )
}

fn uid_ok(uid: &str, uids: &mut HashSet<String>, what: &str) -> Result<()> {
    if is_uid(uid) && uids.insert(uid.to_string()) {
        Ok(())
    } else {
        Err(damaged(format!("{what} has an invalid or repeated id")))
    }
}

fn plain(text: &str, max: usize) -> bool {
    !text.is_empty() && text.chars().count() <= max && !text.chars().any(char::is_control)
}

/// Every version-2 record of `file`, against the rules of new writing.
pub(crate) fn check_everything(file: &ExportFile) -> Result<()> {
    let mut uids = HashSet::new();
    for (i, r) in file.rituals.iter().enumerate() {
        let what = format!("ritual {}", i + 1);
        let invalid = |field: &str| damaged(format!("{what} has an invalid {field}"));
        uid_ok(&r.uid, &mut uids, &what)?;
        id_ok(r.id, &what)?;
        same(
            short_label(&r.title, "title", crate::rituals::TITLE_MAX_CHARS).ok(),
            &Some(r.title.clone()),
            &format!("{what} has an invalid name"),
        )?;
        same(
            optional_label(r.intention.as_deref(), "why", INTENTION_MAX_CHARS).ok(),
            &Some(r.intention.clone()),
            &format!("{what} has an invalid why"),
        )?;
        Schedule::parse_rrule(&r.schedule).map_err(|_| invalid("rhythm"))?;
        parse_time(&r.time).map_err(|_| invalid("time"))?;
        same(r.time.len(), &5, &format!("{what} has an invalid time"))?;
        parse_zone(&r.zone).map_err(|_| invalid("time zone"))?;
        let duration = i64::from(r.duration_minutes);
        same(
            (DURATION_MIN_MINUTES..=DURATION_MAX_MINUTES).contains(&duration)
                && i64::from(r.reminder_lead_minutes) <= LEAD_MAX_MINUTES,
            &true,
            &format!("{what} has an invalid length or reminder"),
        )?;
        same(
            r.end_date.map_or(true, |end| end >= r.start_date),
            &true,
            &format!("{what} ends before it starts"),
        )?;
        if let Some(p) = r.for_partner {
            partner_ok(p, &what)?;
        }
        partner_ok(r.created_by, &what)?;
        same(
            r.archived_at.is_some(),
            &r.archived_on.is_some(),
            &format!("{what} is half deleted"),
        )?;
        if let Some(t) = &r.template_id {
            same(plain(t, 64), &true, &format!("{what} has an invalid idea"))?;
        }
        let mut froms = HashSet::new();
        let mut open = 0;
        for p in &r.pauses {
            open += usize::from(p.until.is_none());
            same(
                froms.insert(p.from) && p.until.map_or(true, |u| u > p.from) && open <= 1,
                &true,
                &format!("{what} has an invalid pause"),
            )?;
        }
        let mut dates = HashSet::new();
        for o in &r.outcomes {
            let day = format!("the day {} of {what}", o.date);
            same(
                dates.insert(o.date) && matches!(o.status.as_str(), "done" | "skipped"),
                &true,
                &format!("{day} is invalid"),
            )?;
            partner_ok(o.by, &day)?;
            text_ok(
                &o.note,
                NOTE_MAX_CHARS,
                &format!("{day} has an invalid note"),
            )?;
            if let Some(uid) = &o.entry_uid {
                same(is_uid(uid), &true, &format!("{day} names an invalid entry"))?;
            }
        }
        for l in &r.log {
            let step = format!("the history of {what}");
            id_ok(l.id, &step)?;
            same(
                matches!(l.action.as_str(), "done" | "skipped" | "undone"),
                &true,
                &format!("{step} is invalid"),
            )?;
            partner_ok(l.by, &step)?;
        }
    }
    let mut weeks = HashSet::new();
    for c in &file.checkins {
        let what = format!("the check-in of the week of {}", c.week);
        same(
            weeks.insert((c.week, c.author)),
            &true,
            &format!("{what} appears twice"),
        )?;
        partner_ok(c.author, &what)?;
        same(
            [c.trust, c.safety, c.closeness, c.communication]
                .iter()
                .all(|r| (1..=10).contains(r)),
            &true,
            &format!("{what} has a rating outside 1 to 10"),
        )?;
        for answer in [&c.went_well, &c.was_hard, &c.need_from_you] {
            text_ok(
                answer,
                ANSWER_MAX_CHARS,
                &format!("{what} has an invalid answer"),
            )?;
        }
        offset_ok(c.submitted_offset, &what)?;
    }
    for (i, c) in file.commitments.iter().enumerate() {
        let what = format!("commitment {}", i + 1);
        uid_ok(&c.uid, &mut uids, &what)?;
        id_ok(c.id, &what)?;
        same(
            short_label(&c.title, "title", crate::commitments::TITLE_MAX_CHARS).ok(),
            &Some(c.title.clone()),
            &format!("{what} has an invalid title"),
        )?;
        text_ok(
            &c.details,
            DETAILS_MAX_CHARS,
            &format!("{what} has invalid details"),
        )?;
        if let Some(owner) = c.owner {
            partner_ok(owner, &what)?;
        }
        partner_ok(c.added_by, &what)?;
        if let Some(cadence) = &c.cadence {
            Schedule::parse_rrule(cadence)
                .map_err(|_| damaged(format!("{what} has an invalid rhythm")))?;
        }
        parse_zone(&c.zone).map_err(|_| damaged(format!("{what} has an invalid time zone")))?;
        same(
            c.review_on.map_or(true, |r| r >= c.start_date),
            &true,
            &format!("{what} is reviewed before it starts"),
        )?;
        // A proposal is a promise in the name of someone who didn't add it.
        same(
            c.accepted || c.owner.is_some_and(|o| o != c.added_by),
            &true,
            &format!("{what} is an invalid proposal"),
        )?;
        let mut days = HashSet::new();
        for k in &c.checks {
            let check = format!("a check-off of {what}");
            same(
                days.insert((k.date, k.by)),
                &true,
                &format!("{check} appears twice"),
            )?;
            partner_ok(k.by, &check)?;
            text_ok(
                &k.note,
                CHECK_NOTE_MAX_CHARS,
                &format!("{check} has an invalid note"),
            )?;
        }
    }
    let mut keys = HashSet::new();
    for d in &file.drafts {
        // Only the exporting partner's own drafts ever leave a journal.
        same(
            d.author == file.exported_by,
            &true,
            "a draft isn't the exporting partner's",
        )?;
        let key_ok = d.key.len() <= 64
            && !d.key.is_empty()
            && d.key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_:".contains(&b));
        same(
            key_ok && keys.insert(d.key.clone()),
            &true,
            "a draft has an invalid name",
        )?;
        same(
            d.content.len() <= DRAFT_MAX_BYTES
                && serde_json::from_str::<serde_json::Value>(&d.content).is_ok(),
            &true,
            "a draft is damaged",
        )?;
    }
    let mut names = HashSet::new();
    for s in &file.settings {
        same(
            SETTING_KEYS.contains(&s.key.as_str())
                && names.insert(s.key.clone())
                && plain(&s.value, 200),
            &true,
            &format!(
                "the setting \u{201c}{}\u{201d} is unknown or invalid",
                s.key
            ),
        )?;
    }
    let mut seen = HashSet::new();
    for m in &file.reminders {
        let ok = plain(&m.key, 200)
            && seen.insert(m.key.clone())
            && m.origin.as_deref().map_or(true, |o| plain(o, 200))
            && matches!(m.kind.as_str(), "ritual" | "commitment_review" | "checkin")
            && matches!(
                m.status.as_str(),
                "sent" | "late" | "paused" | "expired" | "cancelled" | "failed"
            )
            && m.attempts >= 1
            && m.answer
                .as_deref()
                .map_or(true, |a| matches!(a, "done" | "snooze" | "skip"))
            && m.ritual_uid.as_deref().map_or(true, is_uid)
            && plain(&m.local_time, 40)
            && m.title.chars().count() <= 2000
            && m.body.chars().count() <= 2000;
        same(ok, &true, "a reminder already shown is invalid")?;
    }
    Ok(())
}
